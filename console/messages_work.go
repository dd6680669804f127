package console

// The messages of the analysts' work pages, merged into the catalogue.
func init() { addMessages(enWork, ruWork, kkWork) }

var enWork = map[string]string{
	"loss.title": "Theft prevented", "loss.day": "Day", "loss.bank": "Bank",
	"seizure.title": "Record a seizure of this box", "seizure.date": "Day of the seizure", "seizure.devices": "SIM boxes taken",
	"seizure.sims": "SIM cards taken", "seizure.record": "Record the seizure", "seizure.done": "The seizure is recorded.",
	"nav.rules": "Payment rules", "rules.title": "Payment rules", "rules.live": "Live rules", "rules.shadow": "Shadow rules",
	"rules.thresholds": "Score thresholds", "rules.hold_for": "A hold lasts", "rules.transitions": "Live decision against the shadow's",
	"rules.compared": "%s checks compared, %s decided otherwise by the shadow rules, since %s.", "rules.fired": "Shadow rules fired",
	"rules.rule": "Rule", "rules.weight": "Weight", "rules.no_shadow": "No shadow rules are loaded.", "rules.versions": "Versions",
	"rules.version": "Version", "rules.mode": "Mode",
	"any": "Any", "more": "Next page", "save": "Save",
	"col.account": "Account", "col.actions": "Actions", "col.amount": "Amount", "col.brand": "Brand", "col.category": "Category",
	"col.cells": "Cells", "col.checked": "Checked", "col.created": "Created", "col.decision": "Decision", "col.devices": "Devices",
	"col.domain": "Domain", "col.due": "Answer due", "col.features": "Features", "col.first_seen": "First seen", "col.hop": "Hop",
	"col.id": "Reference", "col.items": "Sites", "col.last_seen": "Last seen", "col.methods": "How it imitates",
	"col.msisdn": "Number", "col.note": "Note", "col.notes": "Notes", "col.operator": "Operator", "col.org": "Organisation",
	"col.outcome": "Outcome", "col.payee": "Payee", "col.payment": "Payment", "col.reasons": "Reasons", "col.score": "Score",
	"col.source": "Found by", "col.status": "Status", "col.verdict": "Verdict", "col.when": "When",

	"web.title": "Look-alike sites", "web.keys": "Keys: j / k move, c confirms, d dismisses, b selects for blocking.",
	"web.select": "Send", "web.select.n": "Send %s for blocking", "web.confirm": "Confirm", "web.dismiss": "Dismiss",
	"web.confirm.n": "Confirm %s", "web.dismiss.n": "Dismiss %s", "web.back": "Back to the queue",
	"web.blocking.note": "Note for the regulator", "web.blocking.create": "Send the selected sites for blocking",
	"web.done.confirmed": "Confirmed: the site and its identifiers went to the registry.", "web.done.dismissed": "Dismissed.",
	"wstatus.new": "New", "wstatus.confirmed": "Confirmed", "wstatus.sent": "Sent for blocking", "wstatus.blocked": "Blocked",
	"wstatus.rejected": "Rejected", "wstatus.gone": "Gone", "wstatus.dismissed": "Dismissed",
	"source.ct": "Certificate log", "source.feed": "Domain feed", "source.citizen": "Citizen's report", "source.analyst": "Analyst",
	"finding.title": "Finding", "finding.cert": "Certificate", "finding.decide": "Decide", "finding.category": "What is it?",
	"cat.phishing_site": "Phishing site", "cat.fake_shop": "Fake shop",

	"blocking.title": "Blocking requests", "blocking.request": "Blocking request", "blocking.pending": "Awaiting the regulator",
	"blocking.all": "All", "blocking.answered": "Answered",
	"bstatus.pending": "Awaiting answer", "bstatus.blocked": "Blocked", "bstatus.rejected": "Rejected", "bstatus.gone": "Gone",

	"simbox.title": "SIM-box suspects", "simbox.keys": "Keys: j / k move, c confirms, d dismisses.", "suspect.title": "Suspect",
	"sstatus.suspect": "To check", "sstatus.confirmed": "Confirmed", "sstatus.dismissed": "Dismissed",
	"verdict.simbox": "SIM box", "verdict.suspect": "Suspect",

	"freeze.title": "Freeze requests", "freeze.open": "To answer", "freeze.all": "All", "freeze.overdue": "overdue",
	"freeze.request": "Freeze request", "freeze.from": "from", "freeze.frozen": "Frozen", "freeze.onward": "Onward transfers",
	"freeze.onward.hint": "Where the money went from this account before it could be frozen: each becomes a freeze request to the next bank.",
	"freeze.answer":      "Answer", "freeze.send": "Send the answer",
	"freeze.bad_amount": "the frozen amount must be a number of tenge.", "freeze.bad_onward": "onward transfer %d: the amount must be a number of tenge above zero.",
	"fstatus.open": "Open", "fstatus.frozen": "Frozen", "fstatus.insufficient_funds": "Insufficient funds",
	"fstatus.account_not_found": "Account not found", "fstatus.rejected": "Rejected", "fstatus.left_system": "Left the member banks",

	"trail.title": "Freeze trail", "trail.open": "The whole trail of this report's money", "trail.lost": "Reported lost",
	"trail.frozen": "Frozen", "trail.left": "Left the member banks", "trail.requests": "Freeze requests", "trail.hops": "Hop by hop",
	"trail.lookup": "Report reference", "trail.go": "Open its freeze trail",

	"payments.title": "Payment checks", "payments.until": "until",
	"decision.allow": "Allowed", "decision.review": "Review", "decision.hold": "Held", "decision.block": "Blocked",

	"telecom.title": "Call verification, last 7 days", "telecom.verified": "calls verified", "telecom.passed": "calls passed",
	"telecom.blocked": "blocked", "telecom.by_reason": "Verdicts by reason", "telecom.by_operator": "By terminating operator",
	"telecom.block": "Block", "telecom.pass": "Pass", "telecom.clocks": "Operators' clocks", "telecom.offset": "Offset",
	"telecom.samples": "Samples", "telecom.fix_clock": "Fix the clock", "telecom.clock_ok": "Within tolerance",

	"audit.title": "Audit log", "audit.action": "Action", "audit.object": "Object", "audit.detail": "Detail",
}

var ruWork = map[string]string{
	"loss.title": "Предотвращённые хищения", "loss.day": "День", "loss.bank": "Банк",
	"seizure.title": "Записать изъятие этого бокса", "seizure.date": "День изъятия", "seizure.devices": "Изъято SIM-боксов",
	"seizure.sims": "Изъято SIM-карт", "seizure.record": "Записать изъятие", "seizure.done": "Изъятие записано.",
	"nav.rules": "Правила платежей", "rules.title": "Правила проверки платежей", "rules.live": "Действующие правила", "rules.shadow": "Теневые правила",
	"rules.thresholds": "Пороги оценки", "rules.hold_for": "Задержка длится", "rules.transitions": "Решения действующих правил против теневых",
	"rules.compared": "Сравнено проверок: %s, теневые правила решили иначе: %s, с %s.", "rules.fired": "Срабатывания теневых правил",
	"rules.rule": "Правило", "rules.weight": "Вес", "rules.no_shadow": "Теневые правила не загружены.", "rules.versions": "Версии",
	"rules.version": "Версия", "rules.mode": "Режим",
	"any": "Любое", "more": "Следующая страница", "save": "Сохранить",
	"col.account": "Счёт", "col.actions": "Действия", "col.amount": "Сумма", "col.brand": "Бренд", "col.category": "Категория",
	"col.cells": "Соты", "col.checked": "Проверен", "col.created": "Создан", "col.decision": "Решение", "col.devices": "Устройства",
	"col.domain": "Домен", "col.due": "Срок ответа", "col.features": "Признаки", "col.first_seen": "Впервые замечен", "col.hop": "Шаг",
	"col.id": "Номер", "col.items": "Сайтов", "col.last_seen": "Последний раз", "col.methods": "Чем подражает",
	"col.msisdn": "Номер", "col.note": "Примечание", "col.notes": "Заметки", "col.operator": "Оператор", "col.org": "Организация",
	"col.outcome": "Итог", "col.payee": "Получатель", "col.payment": "Платёж", "col.reasons": "Причины", "col.score": "Оценка",
	"col.source": "Кем найден", "col.status": "Статус", "col.verdict": "Вердикт", "col.when": "Когда",

	"web.title": "Сайты-двойники", "web.keys": "Клавиши: j / k — перемещение, c — подтвердить, d — отклонить, b — выбрать для блокировки.",
	"web.select": "Отправить", "web.select.n": "Отправить %s на блокировку", "web.confirm": "Подтвердить", "web.dismiss": "Отклонить",
	"web.confirm.n": "Подтвердить %s", "web.dismiss.n": "Отклонить %s", "web.back": "К очереди",
	"web.blocking.note": "Примечание для регулятора", "web.blocking.create": "Отправить выбранные сайты на блокировку",
	"web.done.confirmed": "Подтверждено: сайт и его идентификаторы переданы в реестр.", "web.done.dismissed": "Отклонено.",
	"wstatus.new": "Новые", "wstatus.confirmed": "Подтверждённые", "wstatus.sent": "Отправлены на блокировку", "wstatus.blocked": "Заблокированы",
	"wstatus.rejected": "Отказано", "wstatus.gone": "Исчезли", "wstatus.dismissed": "Отклонённые",
	"source.ct": "Журнал сертификатов", "source.feed": "Поток доменов", "source.citizen": "Сообщение гражданина", "source.analyst": "Аналитик",
	"finding.title": "Находка", "finding.cert": "Сертификат", "finding.decide": "Решение", "finding.category": "Что это?",
	"cat.phishing_site": "Фишинговый сайт", "cat.fake_shop": "Поддельный магазин",

	"blocking.title": "Запросы на блокировку", "blocking.request": "Запрос на блокировку", "blocking.pending": "Ждут регулятора",
	"blocking.all": "Все", "blocking.answered": "Есть ответ",
	"bstatus.pending": "Ждёт ответа", "bstatus.blocked": "Заблокирован", "bstatus.rejected": "Отказано", "bstatus.gone": "Исчез",

	"simbox.title": "Подозрения на SIM-боксы", "simbox.keys": "Клавиши: j / k — перемещение, c — подтвердить, d — отклонить.", "suspect.title": "Подозреваемый номер",
	"sstatus.suspect": "На проверку", "sstatus.confirmed": "Подтверждён", "sstatus.dismissed": "Отклонён",
	"verdict.simbox": "SIM-бокс", "verdict.suspect": "Подозрение",

	"freeze.title": "Запросы на заморозку", "freeze.open": "Ждут ответа", "freeze.all": "Все", "freeze.overdue": "просрочен",
	"freeze.request": "Запрос на заморозку", "freeze.from": "из", "freeze.frozen": "Заморожено", "freeze.onward": "Дальнейшие переводы",
	"freeze.onward.hint": "Куда ушли деньги с этого счёта до заморозки: каждый перевод станет запросом к следующему банку.",
	"freeze.answer":      "Ответ", "freeze.send": "Отправить ответ",
	"freeze.bad_amount": "замороженная сумма должна быть числом тенге.", "freeze.bad_onward": "перевод %d: сумма должна быть числом тенге больше нуля.",
	"fstatus.open": "Открыт", "fstatus.frozen": "Заморожено", "fstatus.insufficient_funds": "Недостаточно средств",
	"fstatus.account_not_found": "Счёт не найден", "fstatus.rejected": "Отказано", "fstatus.left_system": "Ушли за пределы банков-участников",

	"trail.title": "След денег", "trail.open": "Весь след денег по этому сообщению", "trail.lost": "Заявленный ущерб",
	"trail.frozen": "Заморожено", "trail.left": "Ушло за пределы банков-участников", "trail.requests": "Запросов на заморозку", "trail.hops": "Шаг за шагом",
	"trail.lookup": "Номер сообщения", "trail.go": "Открыть след денег",

	"payments.title": "Проверки платежей", "payments.until": "до",
	"decision.allow": "Разрешён", "decision.review": "На проверку", "decision.hold": "Задержан", "decision.block": "Заблокирован",

	"telecom.title": "Проверка звонков за 7 дней", "telecom.verified": "звонков проверено", "telecom.passed": "звонков пропущено",
	"telecom.blocked": "заблокировано", "telecom.by_reason": "Вердикты по причинам", "telecom.by_operator": "По оператору вызываемого",
	"telecom.block": "Блокировать", "telecom.pass": "Пропустить", "telecom.clocks": "Часы операторов", "telecom.offset": "Сдвиг",
	"telecom.samples": "Замеров", "telecom.fix_clock": "Исправьте часы", "telecom.clock_ok": "В пределах допуска",

	"audit.title": "Журнал аудита", "audit.action": "Действие", "audit.object": "Объект", "audit.detail": "Подробности",
}

var kkWork = map[string]string{
	"loss.title": "Алды алынған ұрлықтар", "loss.day": "Күн", "loss.bank": "Банк",
	"seizure.title": "Осы боксты тәркілеуді жазу", "seizure.date": "Тәркілеу күні", "seizure.devices": "Тәркіленген SIM-бокстар",
	"seizure.sims": "Тәркіленген SIM-карталар", "seizure.record": "Тәркілеуді жазу", "seizure.done": "Тәркілеу жазылды.",
	"nav.rules": "Төлем ережелері", "rules.title": "Төлемдерді тексеру ережелері", "rules.live": "Қолданыстағы ережелер", "rules.shadow": "Көлеңкелі ережелер",
	"rules.thresholds": "Бағалау шектері", "rules.hold_for": "Ұстау ұзақтығы", "rules.transitions": "Қолданыстағы және көлеңкелі ережелер шешімдері",
	"rules.compared": "Салыстырылған тексерулер: %s, көлеңкелі ережелер басқаша шешті: %s, %s бастап.", "rules.fired": "Көлеңкелі ережелердің іске қосылуы",
	"rules.rule": "Ереже", "rules.weight": "Салмақ", "rules.no_shadow": "Көлеңкелі ережелер жүктелмеген.", "rules.versions": "Нұсқалар",
	"rules.version": "Нұсқа", "rules.mode": "Режим",
	"any": "Кез келген", "more": "Келесі бет", "save": "Сақтау",
	"col.account": "Шот", "col.actions": "Әрекеттер", "col.amount": "Сома", "col.brand": "Бренд", "col.category": "Санат",
	"col.cells": "Ұялар", "col.checked": "Тексерілді", "col.created": "Жасалды", "col.decision": "Шешім", "col.devices": "Құрылғылар",
	"col.domain": "Домен", "col.due": "Жауап мерзімі", "col.features": "Белгілер", "col.first_seen": "Алғаш байқалды", "col.hop": "Қадам",
	"col.id": "Нөмір", "col.items": "Сайттар", "col.last_seen": "Соңғы рет", "col.methods": "Немен ұқсайды",
	"col.msisdn": "Нөмір", "col.note": "Ескерту", "col.notes": "Жазбалар", "col.operator": "Оператор", "col.org": "Ұйым",
	"col.outcome": "Нәтиже", "col.payee": "Алушы", "col.payment": "Төлем", "col.reasons": "Себептер", "col.score": "Бағалау",
	"col.source": "Кім тапты", "col.status": "Мәртебе", "col.verdict": "Үкім", "col.when": "Қашан",

	"web.title": "Ұқсас сайттар", "web.keys": "Пернелер: j / k — жылжу, c — растау, d — қабылдамау, b — бұғаттауға таңдау.",
	"web.select": "Жіберу", "web.select.n": "%s бұғаттауға жіберу", "web.confirm": "Растау", "web.dismiss": "Қабылдамау",
	"web.confirm.n": "%s растау", "web.dismiss.n": "%s қабылдамау", "web.back": "Кезекке оралу",
	"web.blocking.note": "Реттеушіге ескерту", "web.blocking.create": "Таңдалған сайттарды бұғаттауға жіберу",
	"web.done.confirmed": "Расталды: сайт пен оның идентификаторлары тізілімге берілді.", "web.done.dismissed": "Қабылданбады.",
	"wstatus.new": "Жаңа", "wstatus.confirmed": "Расталған", "wstatus.sent": "Бұғаттауға жіберілген", "wstatus.blocked": "Бұғатталған",
	"wstatus.rejected": "Бас тартылған", "wstatus.gone": "Жоғалған", "wstatus.dismissed": "Қабылданбаған",
	"source.ct": "Сертификаттар журналы", "source.feed": "Домендер ағыны", "source.citizen": "Азаматтың хабары", "source.analyst": "Талдаушы",
	"finding.title": "Табылған сайт", "finding.cert": "Сертификат", "finding.decide": "Шешім қабылдау", "finding.category": "Бұл не?",
	"cat.phishing_site": "Фишингтік сайт", "cat.fake_shop": "Жалған дүкен",

	"blocking.title": "Бұғаттау сұраулары", "blocking.request": "Бұғаттау сұрауы", "blocking.pending": "Реттеушіні күтуде",
	"blocking.all": "Барлығы", "blocking.answered": "Жауап берілген",
	"bstatus.pending": "Жауап күтуде", "bstatus.blocked": "Бұғатталды", "bstatus.rejected": "Бас тартылды", "bstatus.gone": "Жоғалды",

	"simbox.title": "SIM-бокс күдіктері", "simbox.keys": "Пернелер: j / k — жылжу, c — растау, d — қабылдамау.", "suspect.title": "Күдікті нөмір",
	"sstatus.suspect": "Тексеруге", "sstatus.confirmed": "Расталған", "sstatus.dismissed": "Қабылданбаған",
	"verdict.simbox": "SIM-бокс", "verdict.suspect": "Күдік",

	"freeze.title": "Тоқтата тұру сұраулары", "freeze.open": "Жауап күтуде", "freeze.all": "Барлығы", "freeze.overdue": "мерзімі өткен",
	"freeze.request": "Тоқтата тұру сұрауы", "freeze.from": "қайдан:", "freeze.frozen": "Тоқтатылды", "freeze.onward": "Әрі қарайғы аударымдар",
	"freeze.onward.hint": "Тоқтатылғанға дейін ақша бұл шоттан қайда кетті: әр аударым келесі банкке сұрау болады.",
	"freeze.answer":      "Жауап", "freeze.send": "Жауапты жіберу",
	"freeze.bad_amount": "тоқтатылған сома теңге саны болуы керек.", "freeze.bad_onward": "%d-аударым: сома нөлден үлкен теңге саны болуы керек.",
	"fstatus.open": "Ашық", "fstatus.frozen": "Тоқтатылды", "fstatus.insufficient_funds": "Қаражат жеткіліксіз",
	"fstatus.account_not_found": "Шот табылмады", "fstatus.rejected": "Бас тартылды", "fstatus.left_system": "Қатысушы банктерден тыс кетті",

	"trail.title": "Ақшаның ізі", "trail.open": "Осы хабар бойынша ақшаның бүкіл ізі", "trail.lost": "Мәлімделген шығын",
	"trail.frozen": "Тоқтатылды", "trail.left": "Қатысушы банктерден тыс кетті", "trail.requests": "Тоқтата тұру сұраулары", "trail.hops": "Қадам сайын",
	"trail.lookup": "Хабар нөмірі", "trail.go": "Ақшаның ізін ашу",

	"payments.title": "Төлемдерді тексеру", "payments.until": "дейін",
	"decision.allow": "Рұқсат етілді", "decision.review": "Тексеруге", "decision.hold": "Ұсталды", "decision.block": "Бұғатталды",

	"telecom.title": "Соңғы 7 күндегі қоңырауларды тексеру", "telecom.verified": "қоңырау тексерілді", "telecom.passed": "қоңырау өткізілді",
	"telecom.blocked": "бұғатталды", "telecom.by_reason": "Себептер бойынша үкімдер", "telecom.by_operator": "Қабылдаушы оператор бойынша",
	"telecom.block": "Бұғаттау", "telecom.pass": "Өткізу", "telecom.clocks": "Операторлардың сағаттары", "telecom.offset": "Ауытқу",
	"telecom.samples": "Өлшемдер", "telecom.fix_clock": "Сағатты түзетіңіз", "telecom.clock_ok": "Рұқсат шегінде",

	"audit.title": "Аудит журналы", "audit.action": "Әрекет", "audit.object": "Нысан", "audit.detail": "Толығырақ",
}
