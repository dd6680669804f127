package webwatch

// The region's words of intent, beyond the short lists of words.go: what
// phishing puts beside a brand in Russian, Kazakh, Uzbek, Kyrgyz, Turkish
// and English (in that order below), in the Latin spellings people type
// (several for each Cyrillic letter that has no one spelling: ж zh/j, ц
// ts/c, қ q/k), with frequent inflections. Written on 2026-12-04 from
// knowledge of the languages by a writer who had seen none of the test
// sets nor the scorer. Left out: the words the lexicon holds as ordinary
// words (delivery, job, tax), the words of a branch office (ofis, filial,
// salon), and words honest names use as much as phishing does (tickets,
// bookings, vacancies, contests, consultants, orders, sales, discounts,
// salaries, trading, exchanges). They raise a finding; none is needed to
// make one.

// regionLures are words of refunds, payouts, prizes, logins, blocked
// accounts, support lines, deliveries and customs, fines and taxes,
// investment and crypto schemes: beside a brand, intent (lureWords).
var regionLures = words(`
	akkaunt akkaunta aktivacia aktivacii aktivaciia aktivaciya aktivatsia aktivatsii aktivatsiia
	aktivatsiya aktivirovat alimenti alimenty antifrod avtorizacia avtorizaciia avtorizatsia
	avtorizatsiia balans balansa besplatnie besplatnij besplatniy besplatny besplatnye besplatnyi
	besplatnyj besplatnyy bezopasnijschet bezopasniyschet bezopasnyischet bezopasnyjschet bezopasnyschet
	bezopasnyyschet bitkoin blokirovki bonusov cashbek deneg denejnaia denejnaya denejnie denejnye
	denejnyi denejnyiperevod denejnyy denejnyyperevod denezhnaia denezhnaya denezhnie denezhniy
	denezhniyperevod denezhny denezhnye denezhnyi denezhnyiperevod denezhnyperevod denezhnyy
	denezhnyyperevod detskoeposobie dividendi dividendov djekpot dolg dolga dolgi dolgov doplata doplati
	doplaty dostavki dzhekpot edinorazovaiaviplata edinorazovaiavyplata edinorazovayaviplata
	edinorazovayavyplata glavnijpriz glavniypriz glavnyipriz glavnyjpriz glavnypriz glavnyypriz
	goriachayalinia goriachayaliniya goryachaialinia goryachaialiniya goryachayalinia goryachayaliniya
	gosviplata gosviplati gosviplaty gosvyplata gosvyplati gosvyplaty haliava identifikacia
	identifikaciia identifikaciya identifikatsia identifikatsiia identifikatsiya investicia investiciia
	investicionniy investicionny investicionnyi investicionnyy investiciya investirovat investitsia
	investitsiia investitsionnyi investitsionnyy investitsiya invois invojs invoys khaliava khalyava
	koda kolcentr kollcentr kolltsentr koltsentr komissia komissii komissiia komissiya kommunalka
	kompensaciauscherba kompensacii kompensaciia kompensaciiu kompensacij kompensacionnie
	kompensacionniy kompensacionny kompensacionnye kompensacionnyi kompensacionnyy kompensaciy
	kompensaciyauscherba kompensaciyausherba kompensaciyu kompensatsia kompensatsiauscherba kompensatsii
	kompensatsiia kompensatsiiu kompensatsij kompensatsionnie kompensatsionnye kompensatsionnyi
	kompensatsionnyy kompensatsiy kompensatsiyausherba kompensatsiyu kripta kriptovaliuta kriptovalyuta
	kurer kurera kurerskaya kurier kuriera kurierskaia kurierskaya kuryer kuryera kuryerskaia
	kuryerskaya lgot lgota lgoti lgotnij lgotniy lgotny lgotnyi lgotnyj lgotnyy lgoty lichkabinet
	lichnijkabinet lichniykabinet lichnyikabinet lichnyjkabinet lichnykabinet lichnyykabinet loterei
	lotereia maining majning materialnaiapomosch materialnaiapomosh materialnayapomosch
	materialnayapomosh materialnayapomoshch materinskiikapital materinskijkapital materinskiykapital
	matkapital matpomosch matpomosh matpomoshch mayning moshennichestvo nacfond nalichnie nalichnye
	naloga nalogov nalogovaia nalogovaya nalogovij nalogoviy nalogoviyvychet nalogovy nalogovyi
	nalogovyivichet nalogovyivychet nalogovyj nalogovyvychet nalogovyy nalogovyyvichet nalogovyyvychet
	natsfond neustoika neustojka neustoyka obnovit obnovlenia obnovleniia obnovleniya oficialnaia
	oficialnaya oficialnie oficialno oficialny oficialnye ofitsialnaia ofitsialnaya ofitsialnie
	ofitsialno ofitsialnye oformit oplati oplatu opoveschenie opoveshchenie opoveshenie otsledit
	otslejivanie parol parolia parolya peni pensia pensii pensiia pensioneram pensionnie pensionnij
	pensionniy pensionnogo pensionny pensionnye pensionnyi pensionnyj pensionnyy pensiya pereraschet
	perevoda perevodi perevodov platej plateja platejei platejey plateji platejnyi platejnyy platezh
	platezha platezhei platezhej platezhey platezhi platezhniy platezhny platezhnyi platezhnyy pobeditel
	pobediteli podarka podderjka podderjki podderzhki podtverdite podtverjdenia podtverjdenie
	podtverjdeniya podtverzhdenia podtverzhdeniia podtverzhdeniya pogashenia pogashenie pogasheniia
	pogasheniya poluchite pomosch popolnenie popolnit poshlina poshlini poshlinu poshliny posilki
	posilku posobia posobienarebenka posobii posobiia posobij posobiy posylki posylku pozdravliaem
	pozdravlyaem predoplata predoplati predoplatu predoplaty preduprejdenie preduprezhdenie premia
	premii premiia premiya prizi prizov prizy promokodi promokody rassrochki rastamojivanie rastamojka
	rastamozhivanie rastamozhka razblokirovat razblokirovki razdacha razdachi rezervnijschet
	rezervniyschet rezervnyischet rezervnyjschet rezervnyschet rezervnyyschet rozigrisha rozigrishi
	rozigrishprizov rozigrysh rozigrysha rozigryshi rozigryshprizov rozygrisha rozygrishi
	rozygrishprizov rozygrysha rozygryshi rozygryshprizov sbor sbora sbori sbory schet scheta
	schetnaoplatu schetov shtrafa shtrafi shtrafipdd shtrafov shtrafypdd simkarta simkarti simkarty
	slujbabezopasnosti slujbapodderjki slujbapodderzhki sluzhbabezopasnosti sluzhbapodderjki
	sluzhbapodderzhki smenaparolia smenaparolya socpomosch socpomosh socpomoshch socviplata socviplaty
	socvyplata socvyplati socvyplaty sotspomosch sotspomosh sotspomoshch sotsviplata sotsviplaty
	sotsvyplata sotsvyplati sotsvyplaty spisania spisanie spisaniia spisaniya spravochnaia spravochnaya
	srochnaia srochnaya srochnij srochniy srochno srochny srochnyi srochnyj srochnyy steiking stejking
	steyking strahovaiavyplata strahovayaviplata strahovayavyplata strakhovaiavyplata strakhovayaviplata
	strakhovayavyplata subsidii subsidiia superpriz tamojennaiaposhlina tamojennayaposhlina tamojennyi
	tamojennyy tamojni tamojnia tamojnya tamozhennaiaposhlina tamozhennayaposhlina tamozhenniy
	tamozhenny tamozhennyi tamozhennyy tamozhni tamozhnia tamozhnya tehpodderjka tehpodderzhka
	tekhpodderjka tekhpodderzhka tokeni tokeny tranzakcia tranzakcii tranzakciia tranzakciya tranzaktsia
	tranzaktsii tranzaktsiia tranzaktsiya treking treknomer uchetnaiazapis uchetnayazapis uvedomlenia
	uvedomlenie uvedomleniia uvedomleniya vaucher verifikacia verifikaciia verifikaciya verifikatsia
	verifikatsiia verifikatsiya vernut vichet vicheta viigrali viigrat viigrish viigrisha viigrysh
	viigrysha viplat viplatnoi viplatnoj viplatnoy viplatu viplaty viplatynadetei viplatynadetey
	vivodsredstv vkhod vojti vosstanovit vosstanovlenie voyti vozmeschenia vozmeschenie
	vozmeschenieuscherba vozmeschenieusherba vozmescheniya vozmeshchenia vozmeshchenie vozmeshcheniya
	vozmeshenia vozmeshenie vozmeshenieuscherba vozmeshenieusherba vozmesheniya voznagrajdenie
	voznagrazhdenie vozvratdeneg vozvrati vozvratnaloga vozvratov vozvratsredstv vozvraty vychet vycheta
	vyigrali vyigrat vyigrisha vyigrysha vyplat vyplati vyplatinadetei vyplatinadetey vyplatnoi
	vyplatnoj vyplatnoy vyplatynadetei vyplatynadetey vyvodsredstv vznos vznosi vznosy zablokirovan
	zablokirovana zablokirovano zabrat zadoljennost zadoljennosti zadolzhennost zadolzhennosti zamenasim
	zarabotokvinternete zaschischennyischet zaschischennyyschet zaschishennyischet zaschishennyyschet
	zaschita zashischennyischet zashischennyyschet aiippul aiippuldar aiippuly aiyppul aiyppuldar
	aiyppuli aiyppuly aiypul akili akily akshalai akshalaikomek akshalay akshalaykomek akshanikkaitaru
	akshanikkaytaru akshaninkaitaryluy akshaninkaytaryluy akshanykkaitaru akshanykkaytaru
	akshanykqaitaru akshanykqaytaru akshanynkaitariluy akshanynkaitarylui akshanynkaitaryluy
	akshanynkaytaryluy akshasi akshasy akyli akyly aleumettikkomek aleumettiktolem alingyz aliniz alinyz
	alyngyz alyniz alynyz aqily aqshalai aqshalaikomek aqshalay aqshalaykomek aqshasi aqshasy aqyly
	audarim audarimdar audarimi audarimy audarym audarymdar audarymi audarymy ayippul ayippuldar
	ayippuly ayyppul ayyppuldar ayyppuli ayyppuly baji bajy bazh bazhi bazhy belsendiringiz
	belsendiriniz belsendiru bereshegi bereshek birjolghytolem birjolgitolem birjolgytolem
	birrettiktolem birzholghytolem birzholgitolem birzholgytolem boliptoleu bugattaldi bugattaldy
	bugattalgan bugattalghan bugattanshigaru bugattanshigharu bugattanshygaru bugattanshygharu bugattau
	bughattaldi bughattaldy bughattalgan bughattalghan bughattanshigaru bughattanshygaru bughattau
	eseptikjazba eseptikzhazba eskertu habarlama habarlamalar investicialar investiciyalar
	investitsialar investitsiyalar janartu janartynyz jangartu jardemaki jardemakilar jardemakisy
	jardemaky jardemakylar jardemakysy jardemaqylar jedel jekekabinet jengildigi jengildikter jengimpaz
	jengimpazdar jengimpazy jenildigi jenildikter jenimpaz jenimpazdar jenimpazi jenimpazy jetkizilim
	jetkizu julde juldeler juldesi kaitarilym kaitarim kaitarimy kaitaru kaitarylim kaitarylym kaitarym
	kaitarymi kaitarymy kalpinakeltiru kalpynakeltiru karajat karajati karajaty karazhat karazhati
	karazhaty karizdar karizi karizy karyzdar karyzi karyzy kauipsiz kauipsizdik kauipsizshot kaytarilym
	kaytarim kaytarimy kaytaru kaytarylim kaytarylym kaytarym kaytarymi kaytarymy keden kedendikbaj
	kedendikbazh kedeni khabarlama khabarlamalar kiringiz kiriniz koldau koldaukizmeti koldaukyzmeti
	koldauqizmeti koldauqyzmeti komek komissiasi komissiasy komissiyasi komissiyasy kupiasoz kupiasozdi
	kupiyasoz kupiyasozdi kuttiktaimyz kuttiktaymyz kuttyktaimiz kuttyktaimyz kuttyktaymiz kuttyktaymyz
	materialdikkomek materialdiqkomek materialdykkomek materialdyqkomek memlekettiktolem otemaki
	otemakilar otemakisi otemakisy otemakylar otemakysi otemakysy otemaqi otemaqilar otemaqisy
	otemaqylar otemaqysy qaitarym qalpinakeltiru qalpynakeltiru qarajat qarajaty qarazhat qarazhaty
	qarizdar qarizy qaryzdar qaryzy qauipsiz qauipsizdik qauipsizshot qaytarym qoldau qoldaukizmeti
	qoldaukyzmeti qupiasoz qupiasozdi qupiyasoz qupiyasozdi rastangiz rastangyz rastaniz rastanyz rastau
	rastaukodi rastaukody saktandirutolemi saktandyrutolemi salemdeme salemdemengiz salemdemeniz salighy
	saligi saligy salik saliktar saliktik saliktyk saliq saliqtar salyghy salygi salygy salyk salyktar
	salyktik salyktyk salyktyq salyq salyqtar salyqtyk saqtandirutolemi saqtandyrutolemi shoti shotingyz
	shotiniz shotinyz shoty shotyngyz shotyniz shotynyz shughil shughyl shugil shugyl siyaki siyakilar
	siyaky siyakylar siyakysy siyligy siylik siyliktar siylygy siylyk siylykka siylyktar siylyktary
	syiaki syiakilar syiakisy syiaky syiakylar syiakysi syiakysy syiaqy syiaqylar syiaqysy syiligy
	syilikka syiliktar syiliktary syilygi syilygy syilykka syilykqa syilyktar syilyktari syilyktary
	syilyqka syilyqtar syilyqtary sylyk syyaky syyakylar syyakysy syylygy syylyk syylykka syylyktar
	syylyktary tegin tegyn tekseru tengerim tenggerim tirkelgi tolemaki tolemakisi tolemakisy tolemaky
	tolemakysi tolemakysy tolemaqi tolemaqisy tolemaqy tolemaqysy tolemderi tolemi tolengiz toleniz
	toleu utingyz utiniz utinyz utipalu utis utisi utisoiyny utisoyyny utistar utisy utkansiz utkansyz
	utqansiz utqansyz uttingyz uttiniz uttinyz uttyngyz uttyniz uttynyz utyngyz utyniz utynyz utypalu
	utysi utysoiiny utysoiyni utysoiyny utysoyyny utystar utysy zeinetaki zeinetakilar zeinetakisy
	zeinetaky zeinetakylar zeinetakysi zeinetakysy zeinetaqy zeinetaqylar zeinetaqysy zeynetaki
	zeynetakilar zeynetakisy zeynetaky zeynetakylar zeynetakysy zeynetaqy zeynetaqylar zhanartinyz
	zhanartu zhanartyngyz zhanartyniz zhanartynyz zhangartu zhangartynyz zhardemaki zhardemakilar
	zhardemakisy zhardemakylar zhardemakysi zhardemakysy zhardemaqylar zhardemaqysy zhedel zhekekabinet
	zhengildigi zhengildikter zhengimpaz zhengimpazdar zhengimpazy zhenildigi zhenildikter zhenimpaz
	zhenimpazdar zhenimpazi zhenimpazy zhetkizilim zhetkizu zhulde zhuldeler zhuldesi badal bepul
	blokdanchikarish blokdanchiqarish bloklandi bloklangan bojhona bojhonatolovi bojkhona bojkhonatolovi
	bojpuli bojxona bojxonatolovi bolibtolash bonuslar dividendlar faollashtiring faollashtirish gholib
	gholiblar golib goliblar habarnoma havfsiz havfsizhisob havfsizlik hisob hisobingiz hisobrakam
	hisobraqam hisobvarak hisobvaraq ijtimoiynafaka ijtimoiynafaqa jarima jarimalar jarimasi karz
	karzdorlik karzi kaytarib kaytarilishi kaytarish khabarnoma khavfsiz khavfsizhisob khavfsizlik
	kiring kirish kollabkuvvatlash kollabquvvatlash kompensaciasi kompensaciyasi kompensatsiasi
	kompensatsiyasi kuzatish moddiyyordam muddatlitolov mukofot mukofoti mukofotlar nafaka nafakalar
	nafakasi nafaqa nafaqalar nafaqasi ogohlantirish otkazma parolni puli pulingiz pulkaytarish pullar
	pulmukofoti pulotkazmasi pulqaytarish qarz qarzdorlik qarzi qaytarib qaytarilishi qaytarish
	qollabkuvvatlash qollabquvvatlash shahsiykabinet shakhsiykabinet shaxsiykabinet shoshilinch solighi
	soligi solik soliklar soliq soliqlar sovga sovgalar sovgasi sovgha sovghalar sovghasi sughurtatolovi
	sugurtatolovi tabriklaymiz tasdiklang tasdiklash tasdiklashkodi tasdiqlang tasdiqlash tasdiqlashkodi
	tekshirish tezkor tiklash tolov tolovi tolovlar tolovlari tolovni tovon tovonpuli tulov tulovlar
	ustama xabarnoma xavfsiz xavfsizhisob xavfsizlik yangilang yangilash yetkazibberish yetkazish yighim
	yigim yordam yutdingiz yutiboling yutuk yutuklar yutukli yutuq yutuqlar yutuqli aiip aiippulu aiyp
	aiyppulu akcha akchalaijardam akchalaizhardam akchalayjardam akchalayzhardam akchasi akchasy akisiz
	akisyz aktivdeshtiruu akysiz akysyz ayip ayippulu ayyp ayyppulu bajikana bajykana bazhikana
	bazhykana belek belekter bildiruu bogot bogottolgon boluptoloo eskertuu ikcham irastaniz irastanyz
	irastoo jangyloo janiloo janyloo jardam jenguuchu jenuuchu jetkiruu jolokpul jolokpulu kaitarip
	kaitaruu kaitaryp kaytarip kaytaruu kaytaryp kiruu koldoo koldookizmati koldookizmaty koldookyzmati
	koldookyzmaty koopsuzduk kotoruu kuttuktaibiz kuttuktaibyz kuttuktaybiz kuttuktaybyz pensiasi
	pensiasy pensiyasi pensiyasy rasmii shashilish shashilysh shashylish shashylysh sirsoz
	socialdikjardam socialdykjardam socialdykzhardam sotsialdykjardam sotsialdykzhardam syrsoz teksheruu
	tolom tolomdor tolomu utupaldiniz utupaldinyz utupaldyngyz utupaldyniz utupaldynyz utupaluu utush
	utushtar ykcham yrastangyz yrastaniz yrastanyz yrastoo zhaniloo zhanyloo zhardam zhenguuchu
	zhenuuchu zhetkiruu zholokpul zholokpulu acil aidat aktiflestir aktivasyon askiyaalindi avans bakiye
	basvurun bedava bedel bildirim bloke borc borclar borcu cagrimerkezi canlidestek cekilis cekilisi
	ceza cezalar cezasi cuzdan destek destekodemesi dogrula dogrulama emeklimaasi engellendi fatura
	faturaniz faturasi geriodeme giris girisyap gumruk gumrukvergisi guncelle guncelleme guvenli
	guvenlihesap guvenlik hakedis harc havale hediye hediyeniz hediyesi hesabim hesabiniz hesap iade
	iadeniz iadesi ikramiye islem kargonuz kargotakip kazanc kazandiniz kazanin kodu komisyon kurye
	musterihizmetleri nakit nakitiade odeme odemeler odemeniz odemesi odul oduller odulu onay onayla
	onaylayin para paraiadesi parasi prim sifre sifreniz sigortatazminati sorgulama takip taksit
	taksitler tazminat tazminati tebrikler temettu teslimat trafikcezasi ucret ucreti ucretsiz uyari
	vergi vergiiadesi vergiler vergisi yardim yatirim activate activation alert alerts alimony allowance
	annuity antifraud approval approve arrears authentication authorization bailout balance benefit
	benefits bills bitcoin callcenter cashout chargeback childbenefit claimnow codes commission
	compensate compensations confirmed congratulations customercare customs customsduty debt debts
	deliveries dispute dividends earnings earnmoney esim expired fees fines forex fraud freebie funds
	getpaid giftcard giveaways helpline hotline installment installments instalment instalments
	insuranceclaim insurancepayout invoices livechat locked logins moneyback moneytransfer myaccount
	notification overdue overpayment parcels passcode password passwords paymentdue payouts penalties
	penalty pension pensions personalcabinet prepaid prepayment promos raffle reactivate reactivation
	rebate rebates recover recovery refunded refunding reimburse reimbursement remittance repayment
	repayments reset resetpassword restore safeaccount safewallet salaries secureaccount settlement
	simcard simreplacement simswap socialbenefit stake staking stimulus subsidies subsidy suspended
	suspension sweepstakes taxdebt taxrefund taxreturn token tokens trackparcel transfers twofactor
	unemployment unlockaccount unlocked unpaid updates urgent usdt validate validation verifying
	vouchers warning webmail winners winning wiretransfer withdraw withdrawal withdrawals
`)

// regionMoney are words of ordinary finance (credit, loans, deposits,
// insurance), soft words that speak of money: beside a distinctive name,
// intent; beside a strict name, evidence enough for an analyst's look
// (softLures and moneyWords).
var regionMoney = words(`
	depozita depoziti depozitov depozity garantiinyivznos garantiinyyvznos garantiyniyvznos
	garantiynyivznos garantiynyvznos garantiynyyvznos kredita krediti kreditnaia kreditnaya kreditnij
	kreditniy kreditny kreditnyi kreditnyj kreditnyy kreditov kreditovanie mikrozaimi mikrozaimy
	mikrozajm mikrozajmi mikrozajmy mikrozaym mikrozaymi mikrozaymy strahovka strakhovanie strakhovka
	vklad vklada vkladi vklady zachislenia zachislenie zachisleniia zachisleniya zaem zaima zaimi zaimov
	zajm zajma zajmi zajmov zajmy zaym zayma zaymi zaymov zaymy kariz karyz nesieler nesielik nesiesi
	paiiz paiyz payiz payyz qariz qaryz saktandiru saktandyru salim salimi salimy salym salymi salymy
	saqtandiru saqtandyru kreditlar omonat sughurta sugurta kamsizdandiruu kamsizdandyruu kamsyzdandiruu
	kamsyzdandyruu nasiia nasiya nasiyasi nasiyasy nasyia nasyiasy nasyya nasyyasi nasyyasy faiz kredi
	krediler kredisi sigorta credits deposits microloan quickloan taxcredit
`)
