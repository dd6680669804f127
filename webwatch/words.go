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
// (service, online, card, app). They count as intent beside a distinctive
// brand — kaspi-service is not a kaspi page — but not beside a brand
// whose name is a common word: telecom-service is just a telecom service.
var softLures = words(`
	my id online onlain onlayn bank banking card cards karta kartu transfer perevod perevody
	service services servis support podderzhka help pomosh pomoshch helpdesk care portal
	client clients klient customer status order zakaz zakazy app apps mobile mobil download install
	red gold sale sales cash tax taxes free safe safety credit kredit kredity loan loans invest
	investment investments investicii investitsii deposit depozit check official crypto kripto
	bill return
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
// of. It does two things: a brand whose name is a common word (kolesa
// "wheels", halyk "people", forte, freedom) is weak and needs evidence
// beyond its name; and a token that is itself a common word is never read
// as a typo of a brand ("kaspiy" is the Caspian, not a misspelt kaspi).
var commonWords = words(`
	a an the and or of to in on at by for with from as is it be we you he she they this that these
	all any new old top best big small good great real true first last next one two three more most
	home house office city land world life love time day night sun sky star moon sea water fire
	air earth stone wood tree flower garden park school college university academy institute centre
	center clinic hospital pharmacy apteka doctor dental medical med health beauty salon spa style
	fashion moda design studio art music musik piano fortepiano guitar dance sport sports fitness gym
	club team group company firm holding service trade trading market shop store mall magazin
	kupit prodat prodazha buy sell rent arenda auto avto car cars moto bike taxi travel tour tours
	tourism hotel hostel resort food cafe coffee bar restaurant pizza sushi burger grill kitchen
	bakery halal meat milk fruit farm agro bio eco green blue black white gold silver red orange pink
	news media press tv radio film cinema photo video book books library print printing post poster
	postal mail letter card gift toy toys kids baby child family mama papa people man woman women men
	build stroy stroi remont remont dom doma kvartira krisha roof okna dveri mebel mebeli
	furniture decor interior light electric energy oil neft gaz gas petrol benzin transport logistic
	logistics cargo express delivery courier techno tech digital soft software web net online it
	data cloud smart mobile phone phones telefon computer laptop service repair master masters
	consult consulting law legal yurist notary audit finance invest capital credit bank insurance
	strahovanie lombard exchange obmen valuta money tax account accounting buhgalter
	job jobs work rabota career vacancy personal staff hr kadry education edu kurs kursy course
	courses training learn english language study test exam lesson lessons teacher
	forte freedom active activ activity action actions activ altyn kumis temir jol zholy
	halyk xalyk bereke berekeli otbasy otbasym jusan zhusan dala sary kok ak kara qara
	kolesa koleso kolesiko shina shiny disk diski wheel wheels satu satushy sauda bazar
	ozone ozon ozonator mechta mechty dream dreams arbuz arbuzy watermelon enbek enbekshi
	kaspiy kaspiya kaspiyskiy kaspiyskaya kaspiysk kaspian caspian kaspij kaspiyneft aktau atyrau
	astana almaty almata shymkent karaganda qaraghandy aktobe taraz pavlodar oskemen semey
	kostanay kyzylorda uralsk oral petropavl turkestan kokshetau taldykorgan ekibastuz zhezkazgan
	baikonur kazakh kazakhstan qazaqstan qazaq kazakhstan kz asia euro europe eurasia eurasian
	nur sultan nursultan alatau medeu tengri tenge steppe
	alfa alpha beta gamma delta omega
	scat cat dog pet pets vet zoo horse kazy kumys
	telecom telekom tele cell cellular mobile connect link net signal line
	post pochta kazpochta
	susan ivan anna maria elena olga irina aliya dana asel aigerim aizhan saule gulnara nurlan
	serik bolat arman askar ruslan timur daniyar erlan marat azamat dias alibek
	home credit homes center centre central national nation state
	kasai kaspa juan pusan force fore forge fort fortes forth forts forty torte alton burbank license
	licence keisha krishna krista trisha krysha lambda alder alger alter falser laser glove gloves
	knell telex okay only onay onai altin railway railways chocolate wildberry berry berries bereket port
	sport postcode postcard postpaid postage postbox postmark postman postmaster postwar postgame
	arystan halyq xalyk khalyk otbasi zhanuya alma almaly
	kitap kitaphana bilim mektep aqparat zhastar jastar ana ata bala balalar
	gold golden premium lux luxe elite prime vip royal grand king queen
	plus pro max mini mega super ultra smart easy fast quick best
`)

// words splits a list on white space into a set.
func words(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}
