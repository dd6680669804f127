package webwatch

import "strings"

// The word lists the scorer reads a domain's tokens against. They are Latin:
// Russian and Kazakh words appear in the transliterations that domain
// owners actually type (oplata, vyplata, syilyq, tolem), often in several
// spellings each, since there is no one standard.

// lureWords are what phishing and fake-shop domains put beside a brand to
// make a victim act: bonuses, payments, logins, refunds, deliveries,
// giveaways. A brand token next to one of them is combosquatting, even
// for a brand whose name is a common word.
var lureWords = words(`
	bonus bonuses bonusy bonusi bonustar promo promokod promocode gift gifts prize prizes priz win winner
	reward rewards cashback keshbek keshbak halyava
	pay payment payments paid payout billing invoice oplata oplaty oplatit tolem tolemder tulem
	login logon signin signup auth authorize verify verification verified confirm confirmation
	podtverdit podtverzhdenie secure security protect protection zashchita zashita
	account accounts acc cabinet kabinet lichnyy lichniy lk
	refund refunds vozvrat vozvrata compensation kompensaciya kompensatsiya kompensacia
	vyplata vyplaty viplata viplati vyplatu posobie posobiya subsidiya subsidia
	nalog nalogi shtraf shtrafy zaim zaimy mikrozaim dividend dividendy airdrop wallet koshelek
	money dengi aksha aqsha update obnovlenie unlock unblock razblokirovka blokirovka blocked
	oficial oficialnyy ofitsialnyy ofitsialnyi access dostup vhod voiti proverka
	track tracking otslezhivanie trek dostavka delivery posylka posilka parcel
	skidka skidki rasprodazha aktsiya akciya aktsii akcii aktsia akcia sdelka bezopasnaya
	podarok podarki syilyq syilyk syilik utys jenis rozygrysh rozygrish rozigrish
	vyigrysh vyigrish loto lotto lotereya lottery kupon coupon voucher sertifikat
	code kod sms otp qr bilet bilety ticket tickets booking
	nagrada opros anketa zayavka registraciya registratsiya avtorizaciya avtorizatsiya rassrochka
	poluchit vyvod zarabotok dohod bezopasnost bezopasnosti sluzhba besplatno claim giveaway lucky
	jackpot casino kazino stavka stavki tirkelu kiru qaitaru qaytaru otemaqy otemaky zhardemaqy
	zhardemaky jardemaqy nesie zhenis
`)

// softLures are words phishing uses as often as honest business does
// (service, online, card, app; office and centre, in which a look-alike
// passes for a brand's branch). They count as intent beside a distinctive
// brand — kaspi-service is not a kaspi page — but not beside a brand
// whose name is a common word: telecom-service is just a telecom service.
var softLures = words(`
	my id online onlain onlayn bank banking card cards karta kartu transfer perevod perevody
	service services servis support podderzhka help pomosh pomoshch helpdesk care portal
	client clients klient customer status order zakaz zakazy app apps mobile mobil download install
	red gold sale sales cash tax taxes free safe safety credit kredit kredity loan loans invest
	investment investments investicii investitsii deposit depozit check official crypto kripto
	bill return
	office offices ofis ofisi center centre centr tsentr centra tsentra markaz markazi ortalyk ortalygy
	ortalyq ortalyghy borbor borboru filial filiali oficialnyi ofitsialnyi oficialniy rasmiy resmi
`)

// moneyWords are the soft words that speak of money: beside a strict name
// (an ordinary word, such as damu "development") they are evidence enough
// for an analyst's look, where service or online are not.
var moneyWords = words(`
	bank banking card cards karta kartu transfer perevod perevody cash tax taxes credit kredit kredity
	loan loans invest investment investments investicii investitsii deposit depozit crypto kripto bill
`)

// tldWords are top-level domains and their abbreviations written inside a
// label, as in kaspi-kz.com or kaspikz.top: the name borrows the brand's
// real domain.
var tldWords = words(`kz com net org ru gov info biz qaz kaz ua uz kg by tj am az ge tr`)

// suspiciousTLDs are the top-level domains where cheap or free registration
// makes most names throw-away; a look-alike there is more likely a live
// scam. They raise a score but never make a finding on their own.
var suspiciousTLDs = words(`
	top xyz site online icu club shop store live buzz tk ml ga cf gq work click link fun space website
	pw cc rest bar cyou sbs monster lol mom today vip win bid loan men kim cam quest cfd best support
	help tech host pro fit wang ooo ru.com kz.com su cn ws uno digital life world email network
`)

// commonWords is the lexicon of ordinary words (English, Russian and
// Kazakh in Latin letters, place names, first names) that names are made
// of. It does three things: a token that is itself an ordinary word is
// never read as a typo of a brand ("kaspiy" is the Caspian, not a misspelt
// kaspi); a piece that is an ordinary word is not cut into others
// ("postcard"); and beside a brand's strict name (docs/webwatch.md,
// "strict:"), ordinary words are what honest businesses use, so they are
// no evidence. It never holds a brand's name: a watchlist's names and
// keywords are dropped from it when a Scorer is built, and names that hold
// a brand by accident belong to the brand's "benign:" directive.
var commonWords = words(`
	a an the and or of to in on at by for with from as is it be we you he she they this that these
	all any new old top best big small good great real true first last next one two three more most
	home house office city land world life love time day night sun sky star moon sea water fire
	air earth stone wood tree flower flowers garden park school college university academy institute
	centre center clinic hospital pharmacy apteka doctor dental dent medical med health beauty salon
	spa style fashion moda design studio art music musik piano guitar dance sport sports fitness gym
	club team group company firm holding service trade trading market shop store mall magazin
	kupit prodat prodazha buy sell rent arenda auto avto car cars moto bike taxi travel tour tours
	tourism hotel hostel resort food cafe coffee tea bar restaurant resto pizza sushi burger grill
	kitchen bakery halal meat milk moloko myaso fruit farm agro bio eco green blue black white gold
	silver red orange pink news media press tv radio film cinema kino photo foto video book books
	library print printing poster postal mail letter card gift toy toys kids baby child family mama
	papa people man woman women men build stroy stroi remont dom doma kvartira roof okna dveri mebel
	mebeli furniture decor interior light electric energy oil neft gaz gas petrol benzin transport
	trans logistic logistics cargo express delivery courier techno tech digital soft software web
	net online it data cloud smart mobile phone phones telefon computer laptop service repair master
	masters consult consulting law legal yurist notary audit finance invest capital credit bank
	insurance strahovanie lombard exchange obmen valuta money tax account accounting buhgalter
	job jobs work rabota career vacancy personal staff hr kadry education edu kurs kursy course
	courses training learn english language study test exam lesson lessons teacher lab labs
	optika optic optics santehnika elektrika klimat teplo okno dver plitka kraska metall beton
	cement zerno textile tekstil odezhda obuv shoes bags sumki zoo vet veterinary flora cvety
	tsvety florist wedding svadba event events foto photo studio ads reklama marketing agency
	agentstvo realty nedvizhimost estate invest development engineering project proekt systems
	solutions service servis tools parts zapchasti shiny tyres tires avtoservis wash moyka
	security okhrana clean cleaning uborka dostavka cargo transport trucking import export
	activity action actions temir jol zholy kumis dala sary kok ak kara qara
	wheel wheels shina disk diski bazar sauda watermelon dream dreams
	aktau atyrau astana almaty almata shymkent karaganda qaraghandy aktobe taraz pavlodar oskemen
	semey kostanay kyzylorda uralsk oral petropavl turkestan kokshetau taldykorgan ekibastuz
	zhezkazgan baikonur kazakh kazakhstan qazaqstan qazaq kz asia euro europe eurasia
	nur sultan nursultan alatau medeu tengri tenge steppe caspian
	alpha beta gamma delta omega
	cat dog pet pets horse kazy kumys
	tele cell cellular connect link signal line
	pochta
	ivan anna maria elena olga irina aliya dana asel aigerim aizhan saule gulnara nurlan
	serik bolat arman askar ruslan timur daniyar erlan marat azamat dias alibek
	home credit homes central national nation state
	arystan alma almaly zhanuya port sport
	kitap kitaphana bilim mektep aqparat zhastar jastar ana ata bala balalar tili
	golden premium lux luxe elite prime vip royal grand king queen
	plus pro max mini mega super ultra easy fast quick
	ltd llp too inc corp co company kompaniya firma tovarishchestvo
	government ministry akimat akim mazhilis senate court sud prokuratura komitet committee agency
	department departament upravlenie fond fund foundation association assotsiatsiya union soyuz
	council kenes palata chamber society obshchestvo partiya party
	museum muzei muzey theatre theater teatr opera ballet concert kontsert festival fest gallery
	galereya arena stadium stadion palace dvorets library biblioteka archive arkhiv
	novosti gazeta gazeti zhurnal journal magazine tele radio efir portal info inform
	production prodakshn studiya kinostudiya animation records label
	montazh ustanovka proizvodstvo zavod factory plant kombinat fabrika masterskaya workshop ceh
	restoran kafe stolovaya kofeinya bistro lounge pab pub bar karaoke banket catering kulinariya
	nan non zhent baursak shashlyk plov konditer konditerskaya torty tort desert sweets
	produkty magazin univermag supermarket minimarket gipermarket butik boutique salon atele
	odezhda obuv kosmetika parfum optika chasy jewelry yuvelir zoloto serebro
	stroitelstvo stroitel builder construction dorogi road roads most bridge karer
	klinika poliklinika bolnitsa stomatologiya stomatolog vrach lekar laboratoriya diagnostika
	medtsentr medcenter zdorove densaulyk emkhana dari darikhana
	detskiy detsad sad yasli shkola gimnaziya litsey kolledzh universitet akademiya institut
	kursy repetitor ucheba obuchenie bilim mektep oku oqu ustaz mugalim
	sport sportivnyy trenazher basseyn pool yoga boks box football futbol hockey khokkey tennis
	chess shakhmaty
	turizm turagent puteshestvie tury otdykh otel gostinitsa sanatoriy pansionat zona
	avtosalon avtoshkola avtomoyka shinomontazh evakuator gruzoperevozki perevozki taksi
	arenda prokat nedvizhimost kvartiry doma uchastok zemlya agentstvo rieltor
	ferma fermer selkhoz khozyaystvo ptitsa korovy skot mal zhylqy koi
	tas orda emel zhol zhyldyz zhuldyz aqsu aksu ak kok tau dala ozen su kol kul bulak tobe
	ata ana apa aga bauyr dos dostar dostyq dostyk birlik yntymaq tatulyq el eli zher
	halqy kazyna qazyna nurly zharyq zhana jana zhas jas uly ulken kishi
	bakytty baqytty bakyt baqyt kuanysh quanysh shattyk mereke toi toy
	news novyi novaya novoe staryi zelenyi krasnyi sinii belyi chernyi zolotoi zolotaya
	center tsentr centr servis sluzhby group grupp holding kholding invest capital kapital
`)

// words splits a list on white space into a set.
func words(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// functionWords are the conjunctions and prepositions that make a name a
// phrase of its language (krishi-i-vodostoki, "roofs and gutters";
// krisha-nad-golovoi, "a roof over the head"; magnum-of-tools): beside a
// strict name they say it is used as a word. Grammar, the same for every
// name.
var functionWords = words(`
	i v na s k u o ob po za ot do iz pod nad pri bez dlya pro
	zhane jane men ben pen va ham bilan uchun ve ile
	and of the for with in on at by de la le del von
`)
