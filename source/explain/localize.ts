/**
Localised pastes: the portal, the sign-in pages, Visual Studio and people retyping an error write
it in their own language. Rather than a foreign copy of every signal, the text is glossed: the
vocabulary of sign-in errors (audience, managed identity, not signed in, run, tenant, expired, not
found, …) in German, French, Spanish, Portuguese, Japanese, Chinese and Korean is rendered into the English
words the signals read, so one set of signals reads every language. Pure and linear: each lexicon is
one alternation of plain words, applied only when the text shows that language.

The gloss keeps a map back to the text, so evidence is quoted as the user wrote it.
*/

/** A term (a regular-expression source without capturing groups, lower case) and its English gloss. */
type Term = readonly [source: string, english: string];

type Lexicon = {
	readonly language: 'de' | 'fr' | 'es' | 'pt' | 'ja' | 'zh' | 'ko';
	/**
	Words of the language that are rare in English, and (for Latin scripts) its accented letters, which
	count once together: at least `minHits` different ones show the language. Japanese and Chinese are
	shown by their script (kana; Han without kana), counted as characters.
	*/
	readonly marker: RegExp;
	readonly minHits: number;
	/** Latin scripts match whole words; Japanese and Chinese have no spaces between words. */
	readonly wholeWords: boolean;
	readonly terms: readonly Term[];
};

/*
Multi-word terms come first where they translate as a unit (word order differs from English:
'emisor incorrecto' is 'wrong issuer'). Function words (is, not, no, the, please, to) come last so
a sentence keeps a shape the English signals recognise ('die Zielgruppe ist ungültig' → 'the
audience is invalid').
*/
/**
A marker of marker words (whole words, not part of a domain, path or identifier such as
'outlook.com' or 'com.azure') or accented letters.
*/
function words(list: string, letters: string): RegExp {
	return new RegExp(
		`(?<![\\p{L}\\p{N}.@/_\\\\-])(?:${list})(?![\\p{L}\\p{N}@/_\\\\-]|\\.[\\p{L}\\p{N}])|[${letters}]`,
		'gu',
	);
}

const german: Lexicon = {
	language: 'de',
	marker: words(
		'der|die|das|den|dem|ist|nicht|und|sie|bitte|wurde|werden|wird|kann|kein|keine|für|mit|vom|von|auf|konnte|ihr|ihre|verfügt|über|zum|zur|beim',
		'äöüß',
	),
	minHits: 2,
	wholeWords: true,
	terms: [
		['verwalteten? identit[äa]t(?:en)?', 'managed identity'],
		['verwaltete dienstidentit[äa]t', 'managed identity'],
		['identit[äa]t(?:en)?', 'identity'],
		['zielgruppen?', 'audience'],
		['audience', 'audience'],
		['überprüfung der zielgruppe', 'audience validation'],
		['zielgruppenüberprüfung', 'audience validation'],
		['falschen aussteller|falscher aussteller', 'wrong issuer'],
		['aussteller', 'issuer'],
		['ungültige[nrs]?|ungültig', 'invalid'],
		['nicht gültig', 'not valid'],
		['stimm(?:t|en) nicht überein|nicht übereinstimm(?:t|en)', 'does not match'],
		['falsche[nrs]?|falsch', 'wrong'],
		['erwartete[nrs]?|erwartet', 'expected'],
		['abgelehnt', 'rejected'],
		['fehlt|fehlende[nrs]?', 'missing'],
		['nicht angemeldet', 'not logged in'],
		['keine? (?:konto|konten) (?:ist |sind )?angemeldet', 'no account logged in'],
		['melden sie sich(?: bitte)?(?: zuerst)?(?: mit| über)?', 'please log in with'],
		['angemeldet', 'logged in'],
		['anmelden', 'log in'],
		['anmeldung', 'sign-in'],
		['anmeldeinformationen', 'credentials'],
		['führen sie', 'run'],
		['ausführen', 'run'],
		['einzurichten|einrichten', 'set up'],
		['konto', 'account'],
		['abonnements?', 'subscription'],
		['mandanten?', 'tenant'],
		['verzeichnis', 'directory'],
		['zugriffstoken', 'access token'],
		['abgelaufen', 'expired'],
		['nicht gefunden', 'not found'],
		['gefunden', 'found'],
		['zeitüberschreitung|zeitlimit überschritten', 'timed out'],
		['keine antwort', 'no response'],
		['nicht erreichbar', 'unreachable'],
		['nicht verfügbar', 'not available'],
		['endpunkte?', 'endpoint'],
		['nicht zugewiesen', 'not assigned'],
		['zugewiesen', 'assigned'],
		['ressource', 'resource'],
		['verfügt nicht über die (?:autorisierung|berechtigung)', 'does not have authorization'],
		['zum ausführen der aktion', 'to perform action'],
		['berechtigungen?', 'permission'],
		['fehlgeschlagen', 'failed'],
		['fehler', 'error'],
		['zurzeit|derzeit|momentan|im moment', 'right now'],
		['nicht darauf zugreifen|nicht zugreifen', 'cannot access'],
		['erfüllt (?:aber )?nicht', 'does not meet'],
		['kriterien', 'criteria'],
		['richtlinien?', 'policy'],
		['nicht vorhanden|existiert nicht', 'does not exist'],
		['externer benutzer|externen benutzer', 'external user'],
		['muss', 'must'],
		['ist', 'is'],
		['wurde', 'was'],
		['keine?', 'no'],
		['nicht', 'not'],
		['bitte', 'please'],
		['des', 'of the'],
		['der|die|das|den|dem', 'the'],
	],
};

const french: Lexicon = {
	language: 'fr',
	marker: words(
		"le|la|les|des|du|est|n'est|pas|veuillez|vous|une|pour|été|aucun|aucune|avec|votre|sur|ce|cette",
		'éèêàçù',
	),
	minHits: 2,
	wholeWords: true,
	terms: [
		['identit[ée] (?:manag[ée]e|g[ée]r[ée]e)', 'managed identity'],
		['identit[ée]', 'identity'],
		["validation de l'audience|validation de l’audience", 'audience validation'],
		['audience', 'audience'],
		['mauvais [ée]metteur', 'wrong issuer'],
		['[ée]metteur', 'issuer'],
		['non valides?|pas valides?', 'not valid'],
		['invalides?', 'invalid'],
		['valides?', 'valid'],
		['ne correspond(?:ent)? pas', 'does not match'],
		['incorrecte?s?', 'incorrect'],
		['attendue?s?', 'expected'],
		['rejet[ée]e?s?', 'rejected'],
		['manquante?s?', 'missing'],
		["n'[êe]tes pas connect[ée]e?s?|pas connect[ée]e?s?|non connect[ée]e?s?", 'not logged in'],
		["aucun compte n'est connect[ée]|aucun compte connect[ée]", 'no account logged in'],
		['connectez-vous|veuillez vous connecter|se connecter', 'log in'],
		['connexion', 'sign-in'],
		['ex[ée]cutez|veuillez ex[ée]cuter|ex[ée]cuter', 'run'],
		['configurer', 'set up'],
		['compte', 'account'],
		['abonnements?', 'subscription'],
		['locataires?', 'tenant'],
		["jeton d'acc[èe]s|jeton d’acc[èe]s", 'access token'],
		['jetons?', 'token'],
		['a expir[ée]|expir[ée]e?', 'expired'],
		["n'a pas [ée]t[ée] trouv[ée]e?|introuvable", 'was not found'],
		['trouv[ée]e?', 'found'],
		["d[ée]lai d'attente (?:d[ée]pass[ée]|expir[ée])|expiration du d[ée]lai", 'timed out'],
		['aucune r[ée]ponse', 'no response'],
		['inaccessible', 'unreachable'],
		['non disponible|pas disponible|indisponible', 'unavailable'],
		['disponible', 'available'],
		['points? de terminaison', 'endpoint'],
		[
			"n'(?:est|a) pas (?:[ée]t[ée] )?attribu[ée]e?|n’(?:est|a) pas (?:[ée]t[ée] )?attribu[ée]e?|non attribu[ée]e?",
			'not assigned',
		],
		['attribu[ée]e?', 'assigned'],
		['ressource', 'resource'],
		["n'a pas l'autorisation|n’a pas l’autorisation", 'does not have authorization'],
		["d'effectuer l'action|d’effectuer l’action", 'to perform action'],
		['autorisations?', 'permission'],
		['a [ée]chou[ée]|[ée]chec', 'failed'],
		['erreur', 'error'],
		["n'est pas|n’est pas", 'is not'],
		["pour le moment|pour l'instant|actuellement", 'right now'],
		['ne pouvez pas (?:y )?acc[ée]der', 'cannot access'],
		['ne r[ée]pond pas aux crit[èe]res|ne satisfait pas (?:aux |les )?crit[èe]res', 'does not meet the criteria'],
		['strat[ée]gies?|politiques?', 'policy'],
		["n'existe pas|n’existe pas", 'does not exist'],
		['utilisateur externe', 'external user'],
		['doit', 'must'],
		['est', 'is'],
		['aucune?', 'no'],
		['pas', 'not'],
		['veuillez', 'please'],
		['le|la|les|l', 'the'],
		['pour', 'to'],
	],
};

const spanish: Lexicon = {
	language: 'es',
	marker: words('el|la|los|las|es|por|para|un|una|del|se|ha|fue|usuario|está|su|sesión|ningún|ninguna', 'ñ¿¡áíóú'),
	minHits: 2,
	wholeWords: true,
	terms: [
		['identidad (?:administrada|gestionada|manejada|administrada por azure)', 'managed identity'],
		['identidad', 'identity'],
		['validaci[óo]n de (?:la )?audiencia', 'audience validation'],
		['audiencia|p[úu]blico objetivo', 'audience'],
		['emisor incorrecto', 'wrong issuer'],
		['emisor', 'issuer'],
		['no (?:es )?v[áa]lid[oa]s?', 'not valid'],
		['inv[áa]lid[oa]s?', 'invalid'],
		['no coincide(?:n)?', 'does not match'],
		['incorrect[oa]s?', 'incorrect'],
		['esperad[oa]s?', 'expected'],
		['rechazad[oa]s?', 'rejected'],
		['falta|faltante', 'missing'],
		['no (?:ha|has) iniciado sesi[óo]n|sin iniciar sesi[óo]n|no se ha iniciado sesi[óo]n', 'not logged in'],
		['inicie sesi[óo]n|iniciar sesi[óo]n|inicia sesi[óo]n', 'log in'],
		['inicio de sesi[óo]n', 'sign-in'],
		['ejecute|ejecuta|ejecutar', 'run'],
		['configurar', 'set up'],
		['cuentas?', 'account'],
		['suscripci[óo]n(?:es)?', 'subscription'],
		['inquilinos?', 'tenant'],
		['token de acceso', 'access token'],
		['(?:ha )?(?:caducad[oa]|expirad[oa]|expir[óo])', 'expired'],
		['no se (?:ha )?encontr(?:[óo]|ado)|no encontrad[oa]|no se pudo encontrar', 'not found'],
		['encontrad[oa]', 'found'],
		['(?:se agot[óo] el )?tiempo de espera(?: agotado)?', 'timed out'],
		['sin respuesta|no hubo respuesta|no se recibi[óo] respuesta', 'no response'],
		['inaccesible', 'unreachable'],
		['no (?:est[áa] )?disponible', 'unavailable'],
		['punto de conexi[óo]n|punto de enlace', 'endpoint'],
		['no (?:est[áa] |ha sido |fue )?asignad[oa]', 'not assigned'],
		['asignad[oa]', 'assigned'],
		['recurso', 'resource'],
		['no tiene autorizaci[óo]n', 'does not have authorization'],
		['para realizar la acci[óo]n', 'to perform action'],
		['permisos?', 'permission'],
		['(?:ha )?fallado|fall[óo]', 'failed'],
		['ning[úu]n[oa]?', 'no'],
		['en este momento|ahora mismo', 'right now'],
		['no (?:puede|puedes) acceder', 'cannot access'],
		['no cumple(?: con)? los criterios', 'does not meet the criteria'],
		['directivas?|pol[íi]ticas?', 'policy'],
		['no existe', 'does not exist'],
		['usuario externo', 'external user'],
		['debe', 'must'],
		['es', 'is'],
		['no', 'not'],
		['por favor', 'please'],
		['el|la|los|las', 'the'],
		['para', 'to'],
	],
};

const portuguese: Lexicon = {
	language: 'pt',
	marker: words('não|você|os|é|para|uma|da|na|foi|está|nenhum|nenhuma|ao|seu|sua|com', 'ãõç'),
	minHits: 2,
	wholeWords: true,
	terms: [
		['identidade (?:gerenciada|gerida)', 'managed identity'],
		['identidade', 'identity'],
		['valida[çc][ãa]o d[oa] (?:p[úu]blico|audi[êe]ncia)', 'audience validation'],
		['p[úu]blico-alvo|audi[êe]ncia', 'audience'],
		['emissor incorreto', 'wrong issuer'],
		['emissor', 'issuer'],
		['n[ãa]o (?:[ée] )?v[áa]lid[oa]s?', 'not valid'],
		['inv[áa]lid[oa]s?', 'invalid'],
		['n[ãa]o corresponde(?:m)?', 'does not match'],
		['incorret[oa]s?', 'incorrect'],
		['esperad[oa]s?', 'expected'],
		['rejeitad[oa]s?', 'rejected'],
		['ausente', 'missing'],
		['n[ãa]o (?:est[áa] )?(?:conectad[oa]|logad[oa]|autenticad[oa])', 'not logged in'],
		['nenhuma conta conectada', 'no account logged in'],
		['fa[çc]a login|fa[çc]a logon|iniciar sess[ãa]o|entre na sua conta', 'log in'],
		['execute|executar', 'run'],
		['configurar', 'set up'],
		['contas?', 'account'],
		['assinaturas?', 'subscription'],
		['locat[áa]rios?', 'tenant'],
		['token de acesso', 'access token'],
		['expirad[oa]|expirou', 'expired'],
		['n[ãa]o (?:foi )?encontrad[oa]', 'not found'],
		['encontrad[oa]', 'found'],
		['(?:o )?tempo limite(?: da solicita[çc][ãa]o)?(?: expirou| esgotado)?', 'timed out'],
		['sem resposta|nenhuma resposta', 'no response'],
		['inacess[íi]vel', 'unreachable'],
		['n[ãa]o (?:est[áa] )?dispon[íi]vel|indispon[íi]vel', 'unavailable'],
		['ponto de extremidade|ponto de (?:conex[ãa]o|acesso)', 'endpoint'],
		['n[ãa]o (?:est[áa] |foi )?atribu[íi]d[oa]', 'not assigned'],
		['atribu[íi]d[oa]', 'assigned'],
		['recurso', 'resource'],
		['n[ãa]o tem autoriza[çc][ãa]o', 'does not have authorization'],
		['para executar a a[çc][ãa]o', 'to perform action'],
		['permiss[ãa]o|permiss[õo]es', 'permission'],
		['falhou|falha', 'failed'],
		['nenhum[a]?', 'no'],
		['no momento|agora', 'right now'],
		['n[ãa]o (?:pode|consegue) acessar', 'cannot access'],
		['n[ãa]o atende aos crit[ée]rios', 'does not meet the criteria'],
		['pol[íi]ticas?', 'policy'],
		['n[ãa]o existe', 'does not exist'],
		['usu[áa]rio externo', 'external user'],
		['deve', 'must'],
		['é', 'is'],
		['n[ãa]o', 'not'],
		['por favor', 'please'],
		['para', 'to'],
	],
};

const japanese: Lexicon = {
	language: 'ja',
	marker: /[\u3040-\u30ff]/gu,
	minHits: 3,
	wholeWords: false,
	terms: [
		['マネージド ?(?:id|アイデンティティ)|管理対象 ?id|マネージド ?サービス ?id', 'managed identity'],
		['対象ユーザー|オーディエンス|対象者', 'audience'],
		['間違った発行者|誤った発行者', 'wrong issuer'],
		['発行者', 'issuer'],
		['無効', 'invalid'],
		['一致しません|一致しない|不一致', 'does not match'],
		['正しくありません|正しくない|誤り', 'incorrect'],
		['予期しない', 'unexpected'],
		['拒否されました|拒否', 'rejected'],
		['(?:が)?必要です', 'required'],
		['有効ではありません', 'not valid'],
		['(?:ログイン|サインイン)(?:して|されて)いません|未ログイン', 'not logged in'],
		['(?:ログイン|サインイン)してください', 'please log in'],
		['ログイン|サインイン', 'log in'],
		['を?実行(?:して(?:ください)?)?', 'run'],
		['アカウント', 'account'],
		['サブスクリプション', 'subscription'],
		['テナント', 'tenant'],
		['アクセス ?トークン', 'access token'],
		['トークン', 'token'],
		['有効期限が切れ(?:ています|ました)?|期限切れ', 'expired'],
		['見つかりません(?:でした)?|見つけられません', 'not found'],
		['タイムアウト(?:しました)?', 'timed out'],
		['応答がありません|応答なし|応答がありませんでした', 'no response'],
		['到達できません', 'unreachable'],
		['(?:使用|利用)できません', 'unavailable'],
		['エンドポイント', 'endpoint'],
		['割り当てられていません', 'not assigned'],
		['割り当て', 'assigned'],
		['リソース', 'resource'],
		['承認がありません|権限がありません', 'does not have authorization'],
		['アクセス許可|権限', 'permission'],
		['検証に失敗しました|検証が失敗しました', 'validation failed'],
		['失敗しました|失敗', 'failed'],
		['存在しません', 'does not exist'],
		['外部ユーザー', 'external user'],
		['必要があります', 'must'],
		['現時点では', 'right now'],
		['アクセスできません', 'cannot access'],
		['アクセス', 'access'],
		['基準', 'criteria'],
		['組織', 'organization'],
		['ポリシー', 'policy'],
		['を?満たしていません', 'does not meet'],
		['条件付きアクセス', 'conditional access'],
		['エラー', 'error'],
	],
};

const chinese: Lexicon = {
	language: 'zh',
	marker: /[\u4e00-\u9fff]/gu,
	minHits: 2,
	wholeWords: false,
	terms: [
		['托管标识|託管識別|托管身份|受控識別|托管识别', 'managed identity'],
		['目标受众|受众|受眾|访问群体|存取群體', 'audience'],
		['错误的颁发者|錯誤的簽發者|错误的发行者', 'wrong issuer'],
		['颁发者|簽發者|发行者', 'issuer'],
		['无效|無效|不正确|不正確', 'invalid'],
		['不匹配|不一致|不相符', 'does not match'],
		['被拒绝|被拒絕|拒绝|拒絕', 'rejected'],
		['预期|預期|应为|應為', 'expected'],
		['缺少', 'missing'],
		['尚未登录|未登录|没有登录|未登入|尚未登入|未登錄', 'not logged in'],
		['请登录|請登入|请先登录', 'please log in'],
		['登录|登入|登錄', 'log in'],
		['请运行|請執行|请执行', 'please run'],
		['运行|執行|执行', 'run'],
		['帐户|账户|帳戶|账号', 'account'],
		['订阅|訂用帳戶|訂閱', 'subscription'],
		['租户|租用戶|租戶', 'tenant'],
		['访问令牌|存取權杖|訪問令牌', 'access token'],
		['令牌|權杖', 'token'],
		['已过期|已過期|过期|過期|已失效', 'expired'],
		['找不到|未找到|未能找到|没有找到', 'not found'],
		['超时|逾時|超時', 'timed out'],
		['没有响应|无响应|沒有回應|无应答', 'no response'],
		['无法访问|無法存取', 'cannot access'],
		['无法连接|不可达|無法連線', 'unreachable'],
		['不可用|无法使用|無法使用', 'unavailable'],
		['终结点|端点|端點', 'endpoint'],
		['未分配|未指派', 'not assigned'],
		['资源|資源', 'resource'],
		['没有权限|無權|没有授权|無權限', 'does not have authorization'],
		['权限|權限', 'permission'],
		['验证失败|驗證失敗', 'validation failed'],
		['失败|失敗', 'failed'],
		['现在|目前|現在|当前|當前', 'right now'],
		['不符合', 'does not meet'],
		['条件|標準|准则', 'criteria'],
		['策略|原則', 'policy'],
		['不存在', 'does not exist'],
		['外部用户|外部使用者|外部用戶', 'external user'],
		['必须|必須|需要', 'must'],
		['条件访问|條件式存取', 'conditional access'],
		['错误|錯誤', 'error'],
	],
};

/** Korean, as the portal, the sign-in pages and Microsoft Learn word it; told by Hangul. */
const korean: Lexicon = {
	language: 'ko',
	marker: /[\uac00-\ud7af]/gu,
	minHits: 3,
	wholeWords: false,
	terms: [
		['관리형? ?id|관리 ?아이디|관리 ?id', 'managed identity'],
		['대상 ?그룹|오디언스', 'audience'],
		['잘못된 ?발급자', 'wrong issuer'],
		['발급자', 'issuer'],
		['유효하지 ?않(?:은|습니다)|잘못(?:된|되었습니다)|올바르지 ?않(?:은|습니다)', 'invalid'],
		['일치하지 ?않(?:습니다|음)?', 'does not match'],
		['거부(?:되었습니다|됨)?', 'rejected'],
		['예상(?:된)?', 'expected'],
		['누락(?:되었습니다|됨)?', 'missing'],
		['로그인(?:되어 ?있지 ?않|하지 ?않았|되지 ?않았)(?:습니다)?', 'not logged in'],
		['로그인(?:하세요|하십시오|해 ?주세요)', 'please log in'],
		['로그인', 'log in'],
		['(?:을|를)? ?실행(?:하여|하세요|하십시오|해 ?주세요)?', 'run'],
		['계정', 'account'],
		['구독', 'subscription'],
		['테넌트', 'tenant'],
		['액세스 ?토큰', 'access token'],
		['토큰', 'token'],
		['만료(?:되었습니다|됨|된)?', 'expired'],
		['찾을 ?수 ?없(?:습니다|음)', 'not found'],
		['시간(?:이)? ?초과(?:되었습니다)?', 'timed out'],
		['응답(?:이)? ?없(?:습니다|음)', 'no response'],
		['연결할 ?수 ?없(?:습니다|음)', 'unreachable'],
		['사용할 ?수 ?없(?:습니다|음)', 'unavailable'],
		['엔드포인트', 'endpoint'],
		['할당되지 ?않았(?:습니다)?', 'not assigned'],
		['할당', 'assigned'],
		['리소스', 'resource'],
		['권한이 ?없(?:습니다|음)', 'does not have authorization'],
		['권한', 'permission'],
		['유효성 ?검사(?:에)? ?실패(?:했습니다)?', 'validation failed'],
		['실패(?:했습니다)?', 'failed'],
		['지금은|현재', 'right now'],
		['액세스할 ?수 ?없(?:습니다|음)', 'cannot access'],
		['충족하지 ?않(?:습니다|음)', 'does not meet'],
		['조건부 ?액세스', 'conditional access'],
		['조건|기준', 'criteria'],
		['정책', 'policy'],
		['존재하지 ?않(?:습니다|음)', 'does not exist'],
		['외부 ?사용자', 'external user'],
		['오류', 'error'],
	],
};

const lexicons: readonly Lexicon[] = [german, french, spanish, portuguese, japanese, chinese, korean];

/** One alternation per lexicon, each term its own group; built on first use. */
const compiled = new Map<Lexicon, RegExp>();
function patternOf(lexicon: Lexicon): RegExp {
	let pattern = compiled.get(lexicon);
	if (!pattern) {
		const alternatives = lexicon.terms.map(([source]) => `(${source})`).join('|');
		pattern = new RegExp(
			lexicon.wholeWords ? `(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])` : alternatives,
			'gu',
		);
		compiled.set(lexicon, pattern);
	}

	return pattern;
}

/** The lexicon's sources, for the test that keeps them free of capturing groups. */
export const termSources: readonly string[] = lexicons.flatMap(lexicon => lexicon.terms.map(([source]) => source));

/** The languages a text shows, by their marker words (Japanese by kana; Chinese by Han without kana; Korean by Hangul). */
export function languagesOf(lower: string): Array<Lexicon['language']> {
	const found: Array<Lexicon['language']> = [];
	for (const lexicon of lexicons) {
		const seen = new Set<string>();
		lexicon.marker.lastIndex = 0;
		for (
			let match = lexicon.marker.exec(lower);
			match && seen.size < lexicon.minHits;
			match = lexicon.marker.exec(lower)
		) {
			// Accented letters count once together; Japanese and Chinese count characters.
			seen.add(lexicon.wholeWords ? (match[0].length === 1 ? '·' : match[0]) : String(match.index));
		}

		if (seen.size >= lexicon.minHits) found.push(lexicon.language);
	}

	return found.includes('ja') ? found.filter(language => language !== 'zh') : found;
}

export type Gloss = {
	/** The lower-case text with foreign terms rendered in English, white space collapsed. */
	readonly text: string;
	/** The index in the source of a character of `text`. */
	readonly origin: (index: number) => number;
};

const spaces = /\s{2,}/g;
const cjkOrSpaces =
	/(?:[\s\u3040-\u30ff\u3400-\u9fff\uff01-\uff60\u3000-\u303f\uac00-\ud7af\u1100-\u11ff\u3130-\u318f])+/g;

/**
The English gloss of a lower-case text, or undefined when it shows none of the languages (the
common case, which costs one scan per language for its marker words).
*/
export function glossOf(lower: string): Gloss | undefined {
	const languages = languagesOf(lower);
	if (languages.length === 0) return undefined;
	// Pieces of output, each with the source index it starts at; glossed pieces map wholly to their term.
	let pieces: Array<{text: string; at: number; glossed: boolean; length: number}> = [
		{text: lower, at: 0, glossed: false, length: lower.length},
	];
	for (const lexicon of lexicons) {
		if (!languages.includes(lexicon.language)) continue;
		const pattern = patternOf(lexicon);
		const next: typeof pieces = [];
		for (const piece of pieces) {
			if (piece.glossed) {
				next.push(piece);
				continue;
			}

			let last = 0;
			for (const match of piece.text.matchAll(pattern)) {
				const index = match.index;
				const term = lexicon.terms[match.slice(1).findIndex(group => group !== undefined)];
				if (!term || match[0].length === 0) continue;
				if (index > last)
					next.push({text: piece.text.slice(last, index), at: piece.at + last, glossed: false, length: index - last});
				next.push({text: ` ${term[1]} `, at: piece.at + index, glossed: true, length: match[0].length});
				last = index + match[0].length;
			}

			if (last < piece.text.length)
				next.push({
					text: piece.text.slice(last),
					at: piece.at + last,
					glossed: false,
					length: piece.text.length - last,
				});
		}

		pieces = next;
	}

	if (!pieces.some(piece => piece.glossed)) return undefined;
	// Japanese, Chinese and Korean words left unglossed are particles and inflections: they become spaces so
	// the English words meet ('audience が invalid です' reads 'audience invalid').
	const gaps = languages.some(language => language === 'ja' || language === 'zh' || language === 'ko')
		? cjkOrSpaces
		: spaces;
	// The output as runs: each run starts at an output index and maps to the source from `at`.
	const outStarts: number[] = [];
	const runs: Array<{at: number; glossed: boolean; length: number; outLength: number}> = [];
	const parts: string[] = [];
	let size = 0;
	let endsWithSpace = true;
	const emit = (part: string, at: number, glossed: boolean, length: number) => {
		let text = part;
		let from = at;
		// One space between words: a part that starts with one after a space loses it.
		if (endsWithSpace && !glossed) {
			const kept = text.replace(/^ +/, '');
			from += text.length - kept.length;
			text = kept;
		}

		if (text === '') return;
		outStarts.push(size);
		runs.push({at: from, glossed, length: glossed ? length : text.length, outLength: text.length});
		parts.push(text);
		size += text.length;
		endsWithSpace = text.endsWith(' ');
	};

	for (const piece of pieces) {
		if (piece.glossed) {
			emit(' ', piece.at, false, 1);
			emit(piece.text.trim(), piece.at, true, piece.length);
			emit(' ', piece.at + piece.length - 1, false, 1);
			continue;
		}

		let last = 0;
		for (const gap of piece.text.matchAll(gaps)) {
			emit(piece.text.slice(last, gap.index), piece.at + last, false, 0);
			emit(' ', piece.at + gap.index, false, 1);
			last = gap.index + gap[0].length;
		}

		emit(piece.text.slice(last), piece.at + last, false, 0);
	}

	const text = parts.join('');
	const trimmed = text.trimEnd();
	const origin = (index: number): number => {
		let low = 0;
		let high = outStarts.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if (outStarts[middle]! <= index) low = middle;
			else high = middle - 1;
		}

		const run = runs[low];
		if (!run) return 0;
		const offset = index - outStarts[low]!;
		// A glossed term's words map to its first character, its last letter to its last one.
		if (run.glossed) return offset >= run.outLength - 1 ? run.at + run.length - 1 : run.at;
		return run.at + Math.min(offset, run.length - 1);
	};

	return {text: trimmed, origin};
}
