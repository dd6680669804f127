package webwatch

// lexiconWords is the general lexicon of ordinary words: the most frequent
// words of everyday Kazakh and Russian, in the Latin spellings people type
// (several a word where there is no one standard: q/k, gh/g, zh/j, sh,
// ch, ts/c, y/i), and of English, by field. It was written from general
// knowledge of the languages, as a frequency list would give them, not
// from any test set. With the inflections of inflect.go it lets the
// scorer tell an ordinary compound name (halyk-teatry, "the people's
// theatre"; otbasy-klinikasy) from a brand beside a word that no list
// knows.
//
// It holds no word of money, accounts, logins, help, prizes, fines,
// debts or delivery: those are the evidence of intent (words.go), and a
// word of intent that were ordinary would hide a strict name's
// combosquatting (halyk-qaryz). It holds no brand's name either: a
// watchlist's names are dropped from every list when a Scorer is built.
var lexiconWords = words(`
	bir eki ush tort bes alty zhety jeti segiz togyz on zhiyrma jiyrma otyz qyryq kyryk elu alpys
	zhetpis seksen toqsan toksan zhuz jyz myn
	men sen siz ol olar bul osy sol mynau anau kim ne qashan kashan qayda kayda qalay kalay nege
	zhane jane men ben pen biraq birak sebebi ushin uchun turaly zhayly jayly arqyly arkyly
	bar zhoq zhok emes ia iya kerek mumkin
	adam adamdar er ayel aiel azamat azamattar qyz kyz ul bala balalar balapan nareste sabi sabilar
	ake ana ata aje apa aga ini qaryndas karyndas singli bauyr bauyrlar tuys tuystar zhien nemere
	shobere kelin kuyeu kuieu zhubay jubay otbasylyq ulttyq ult halyktyq
	dos dostar dostyq dostyk zhora jora korshi kurdas zhastar jastar zhasospirim oqushy okushy
	student studentter mugalim mugalimder ustaz ustazdar tarbieshi dariger darigerler emshi
	akyn aqyn zhazushy jazushy anshi kuyshi kuishi suretshi bishi oyinshy oiynshy sheber sheberler
	zhurnalist jurnalist ghalym galym ghalymdar galymdar zertteushi inzhener injener qurylysshy
	kurylysshy zhurgizushi jurgizushi eginshi malshy balyqshy baksy batyr batyrlar khan han bi
	el zher jer otan memleket qogam kogam ult tarih tarikh mura madeniet madeniyet oner
	adebiet adebiyet til soz soyle oy arman maqsat maksat zhol jol bagyt baghyt
	kun tun tan kesh tanerteng apta ay zhyl jyl ghasyr gasyr uaqyt uakyt mezgil kez shaq
	koktem zhaz jaz kuz qys kys ayaz zhel jel zhanbyr jangbyr qar kar bult nur sauule saule
	aspan zhuldyz juldyz zhuldyzdar shuaq tang sholpan
	tau tas dala zhazyk shol ozen ozender kol koldor tengiz teniz su bulaq bulak qudyq kudyk
	orman togay toghay agash aghash gul gulder shop shob zhapyraq zhusan
	qus kus arystan bori qasqyr kaskyr tulki ayu buqa buka siyr sigyr tuye tuie qoy koy eshki
	zhylqy jylky at atlar qulyn kulyn botaqan botakan laqqan laq kogershin qarlygash karlygash
	burkit qyran kyran sunqar sunkar suynkar aqqu akku torghay torgay bulbul
	ui uy uilar uyler shanyraq shanyrak kerege uzik tundik kiiz
	qala kala qalalar auyl aul audan oblys aimaq aymak kent kosh koshe alan
	saiabaq sayabak bazar dukeni duken dukender
	mektep mektepter litsei litsey gimnaziya kolledzh universitet
	akademiya institut sabaq sabak synyp bilim
	ghylym gylym kitap kitaptar kitaphana oqu oku oqulyk okulyk
	tarbie balabaqsha balabaksha bobekzhay bobekjay ortalyq ortalyk
	auruhana aurukhana emhana emkhana dari darihana darkhana densaulyq densaulyk saulyq
	salauatty salamatty sau aman amandyq esen esendik
	as tamaq tamak nan et sut shai shay qymyz kymyz shubat bauyrsaq bauyrsak besbarmaq
	besbarmak qazy kazy sorpa kurt irimshik may bal jemis zhemis kokonis alma almurt
	qarbyz karbyz qauyn kauyn zhuzim juzim orik shie
	kiim kiimder etik bas bork shapan kamzol kebis sandyq sandyk tekemet syrmaq syrmak
	oyun oiyn oiyndar oyyn oinau kui kuy an anshi ansambl orkestr orkestri
	teatr kino muzei galereya
	sport kures audaryspaq kokpar baige baiga asyq asyk
	zhana jana zhas jas zhaqsy jaksy zhaksy jaqsy zhaman jaman ulken kishi uzyn qysqa kyska
	aq ak qara kara kok qyzyl kyzyl sary zhasyl jasyl qongyr kongyr alqyzyl altyn kumis kumys
	biik tomen alys zhaqyn jakyn zhyly jyly suyq suyk taza kirli zharyq jaryk zharqyn jarkyn
	sulu ademi korkem korkt kuatty kushti zhuyrik jyirik zhyldam tez baiau aqyldy akyldy
	dana danyshpan batyl adal adalet adildik adil shyndyq shyndyk erkin erkindik tauelsiz
	tauelsizdik birlik yntymaq yntymak tatulyq tatulyk beibitshilik beybitshilik bereket
	qut kut yrys bagyt nurly zharyq akjol
	mangi mangilik eskertkish eskertkishi ulagat oneg onege
	tugan tughan tuu tuyp tuyndy shygarma shygarmashylyq shygarmashylyk
	toi toy merey mereke meiram meyram nauryz qonaq konak qonaqzhai
	kelu ketu baru otyru turu zhuru juru koru oqu zhazu jazu aitu saqtau saktau
	qorghau korgau tazalau emdeu uyretu oqytu okytu zhumys jumys zhumysshy enbek enbekshi kasip
	kasipker kasipkerlik kasiporyn zauyt fabrika sheberhana ustahana kurylys qurylys
	zhobalau jobalau zhoba joba sayahat saiahat turizm demalys


	chelovek lyudi narod narodnyy narodnaya narodnoe semya semeynyy semeynaya sem rodina strana
	gorod gorodskoy gorodskaya selo derevnya posyolok poselok rayon oblast kray region regionalnyy
	ulitsa prospekt ploshchad park sad sady les pole reka ozero more gora gory step stepnoy
	dom doma kvartira zdanie dvor kryltso okno dver stena krysha ogorod dacha usadba
	shkola shkoly detskiy detskaya detskoe detsad yasli gimnaziya litsey kolledzh tekhnikum
	universitet akademiya institut kafedra fakultet uchilishche obrazovanie obrazovatelnyy
	nauka nauchnyy nauchnaya issledovanie issledovatelskiy razvitie razvitiya tsentr tsentra
	bolnitsa poliklinika klinika klinicheskiy meditsina meditsinskiy meditsinskaya zdorovye
	zdorovya zdorovyy lechenie vrach doktor medsestra apteka apteki farmatsiya
	kultura kulturnyy kulturnaya iskusstvo iskusstva muzyka muzyki muzykalnyy muzykalnaya pesnya
	pesni tanets tantsy tantsa khor orkestr ansambl teatr teatra kino kinoteatr muzey muzeya
	vystavka biblioteka literatura kniga knigi pisatel poet poeziya poeziya istoriya istorii
	istoricheskiy yazyk yazyka slovo slova pismo gazeta gazety gazet zhurnal zhurnaly novosti
	vesti vestnik izvestiya pravda mir mira vremya vremena den dni nedelya mesyats god goda
	vek utro vecher noch vesna leto osen zima solntse luna zvezda zvezdy nebo veter dozhd sneg
	voda ogon zemlya kamen derevo derevya tsvety tsvetok trava les lesa
	kon loshad korova ovtsa sobaka koshka ptitsa ptitsy orel sokol volk lisa medved zayats
	ryba ryby rybak rybnyy rybnaya myaso molochnyy khleb khlebnyy sol sakhar chay kofe sok
	vino pivo voda yabloko yabloki frukty ovoshchi yagody med orekhi
	odezhda obuv shapka plato kostyum rubashka tkan tkani mekh kozha
	rabota rabochiy trud trudovoy master mastera masterskaya remont remontnyy stroitelstvo
	stroitelnyy stroitelnaya zavod fabrika kombinat tsekh proizvodstvo promyshlennost
	promyshlennyy tekhnika tekhnicheskiy tekhnologii tekhnologiya mashina mashiny avtomobil
	avtomobili poezd vagon samolet aeroport vokzal stantsiya doroga dorogi most puti put
	sport sportivnyy sportivnaya futbol khokkey boks borba plavanie shakhmaty turnir chempionat
	komanda igra igry igrok trener zal
	otdykh turizm puteshestvie gostinitsa otel kurort sanatoriy lager pokhod ekskursiya
	vkus vkusnyy vkusnaya vkusno eda kukhnya stolovaya restoran kafe konditerskaya pekarnya
	svadba prazdnik prazdniki yubiley torzhestvo
	krasnyy krasnaya belyy belaya chernyy chernaya zelenyy zelenaya siniy sinyaya zheltyy zheltaya
	zolotoy zolotaya serebryanyy bolshoy bolshaya malyy malaya novyy novaya staryy staraya
	dobryy dobraya dobro khoroshiy khoroshaya krasivyy krasivaya chistyy chistaya svetlyy
	svetlaya teplyy teplaya dorogoy rodnoy rodnaya lyubimyy lyubimaya umnyy umnaya veselyy
	radost schaste schastye schastlivyy druzhba drug druzya lyubov nadezhda vera svet mechta
	zhizn sila pobeda slava chest svoboda mir obshchestvo obshchestvennyy obshchestvennaya
	soyuz assotsiatsiya fond organizatsiya obedinenie dvizhenie partiya sovet kongress forum
	upravlenie ministerstvo vedomstvo komitet departament inspektsiya sluzhby palata
	sud sudebnyy prokuratura militsiya politsiya armiya voyska oborona
	akimat maslikhat parlament senat mazhilis pravitelstvo gosudarstvo gosudarstvennyy
	gosudarstvennaya gorsovet
	kazakhstanskiy kazakhstanskaya kazakhskiy kazakhskaya russkiy russkaya evraziyskiy
	severnyy yuzhnyy zapadnyy vostochnyy tsentralnyy tsentralnaya sever yug zapad vostok
	pervyy pervaya vtoroy tretiy glavnyy glavnaya osnovnoy obshchiy edinyy edinaya
	elektrika santekhnika otoplenie ventilyatsiya konditsionery mebel okna dveri poly
	kraski instrument instrumenty zapchasti shiny diski avtozapchasti avtoservis
	uslugi usluga uslug bytovye bytovoy khimchistka parikmakherskaya atele
	psikholog psiholog psihologiya psikhologiya logoped repetitor yurist advokat notarius
	fotograf fotostudiya dizayner dizayn arkhitektor arkhitektura inzhener
	vokal vokalnaya khoreografiya risovanie zhivopis skulptura rukodelie

	about above across after again against age ago air all almost alone along already also always
	among animal answer area around art ask away back bad ball base beach bear beautiful bed before
	begin behind believe bell below best better between bird birth black blood blue board boat body
	bone both box boy brain branch bread break bright bring brother brown build building burn busy
	call calm camp can capital captain carry case catch cause cell century chain chair change
	character chart chief child children choose church circle city class clean clear climb
	clock close cloth cloud coast coat cold color colour come common community complete condition
	control cook cool copy corn corner correct cotton could count country course cover cow crop
	cross crowd cry culture current cut dark daughter dead deal dear death decide deep degree desert
	develop dictionary die different difficult dinner direct discover distant divide doctor does door
	double down draw dress drink drive drop dry duck during dust duty each early east eat edge effect
	egg eight either element else end enemy engine enough enter equal even evening event ever every
	example except experience experiment eye face fact fair fall farm fast fat father favor fear feed
	feel feet few field fig fight figure fill final find fine finger finish fish five flat floor flow
	follow foot force forest form forward four fraction friend front fruit full fun game garden gather
	general gentle get girl give glad glass goal gone grand grass gray grey ground grow guess guide
	hair half hall hand happen happy hard hat have head hear heard heart heat heavy hello high hill
	history hit hold hole holiday horse hot hour huge human hundred hunt idea imagine inch include
	indicate industry insect instant instrument interest invent iron island join joy jump keep
	kind king knew know lady lake language large laugh law lay lead learn least leave left leg length
	less level lie lift like line liquid list listen little live long look lost loud low machine made
	main major make many map mark master match material matter may mean measure meet melody memory
	metal method middle might mile mind mine minute miss modern moment month morning mother motion
	mount mountain mouth move much must name nation natural nature near need neighbor nest never
	night nine noise noon north nose note notice noun now number object ocean often oil open
	opposite organ original other our out over own page paint pair paper paragraph parent part
	party pass past path pattern peace people perhaps period person picture piece place plain plan
	planet plant play please plural poem point pole poor populate position possible power
	practice prepare present pretty print probable problem process produce product property
	proud provide pull push put quart question quiet quite race radio rail rain raise reach read
	ready reason record region remember repeat reply represent rest result rich ride right
	ring rise river rock roll room root rope rose round row rub rule run sail salt same sand
	say science score season seat second section see seed seem select self send sense sentence
	serve settle seven several shall shape sharp sheet shell shine ship shore short should
	shoulder shout show side sight silent similar simple since sing single sister sit six size
	skill skin sleep slip slow smell smile snow soil soldier solution some son song soon sound south
	space speak special speech speed spell spend spot spread spring square stand start state
	station stay stead steel step stick still stood stop straight strange stream street stretch
	string strong student study subject substance success such sudden suffix sugar suit summer supply
	sure surface surprise swim syllable symbol table tail take talk tall teach teeth tell ten term
	than thank then there thick thin thing think thousand through throw tie tiny tire together told
	tone too total touch toward town trade train travel trip trouble truck try tube turn twenty
	type under unit until upon usual valley vary very view village visit voice vowel wait walk
	wall want war warm wash watch wave way wear weather week weight well west wheel where while whole
	wide wife wild will wind window wing winter wire wish woman wonder word world write yard year
	yellow yes young youth zone
	academy active actor adventure advice agency alliance ambassador animation anniversary apartment
	architect architecture arena army artist arts assembly association athlete fort fortress atlas audio author
	avenue bakery ballet band barber basket bay bazaar bistro blog bloom boutique bowl brand
	breeze brick bridge bright broadcast brush cafe camera campus canyon caravan carpet castle
	catalog cathedral ceramic champion charity chef chemistry choir cinema circus citizen civil
	classic climate clinic coach coffee collection colony comedy concert conference consul
	cottage council craft creative crystal cuisine cultural dance dancer daily delta dentist
	diamond diary diplomat district dome drama dragon eagle ecology economy edition elegant embassy
	emerald empire encyclopedia energy engineering ensemble equipment estate ethnic expedition expo
	fabric faculty fair falcon family farmer fashion federation festival fiction flag fleet flight
	folk forum fountain fresh frontier furniture galaxy gallery gate generation geography giant
	global glory golf grace grain graphic green greenhouse guitar habitat harbor harmony harvest
	heritage hero heroes highway historic hobby honey horizon hospital host humanity hunter
	independent infinity inn innovation institute international journal journey jubilee junior
	kindergarten knowledge laboratory lamp landscape lantern leader legacy legend leisure lion
	literature living lodge lotus magic marathon marble maritime meadow medicine memorial mentor
	meridian metro migration mill mineral mission monument mosaic motor museum nomad nomads
	northern novel nursery oasis observatory olympic orchard orchestra organic palace panorama
	parade parliament partner passage patriot pearl pedagogical peninsula pharmacy philharmonic
	philosophy physics pilgrim pioneer plaza poet poetry polytechnic pottery prairie press pride
	primary principal professional province public publishing puzzle pyramid quality quarter
	radiant rainbow ranch reader recipe regional research reserve residence river road robot
	rural sacred saga sapphire satellite scholar scout sculpture senior sequence shelter sierra
	silk skate sky smart society soul southern spark spirit sports square stadium steppe stories
	story studio summit sunrise sunset supreme symphony talent teacher technical temple textile
	theatre theater therapy thunder timber tower tradition tribune trinity tulip union unity
	urban valley vintage vision vocal volunteer voyage wellness western wisdom wolf wonderland
	workshop writer yoga youth zenith
	ai bot boats cart chat cloudy data dev devops digital domain drive emoji email file files forum
	games gaming hub media network news phone photos pixel podcast robotics server
	smart social software stream tablet tech telecom video web wiki
	engineering logistics manufacturing mining construction agriculture dairy bakery brewery
	textile tourism transport railway aviation shipping trading wholesale retail grocery
	hardware lumber plumbing heating roofing painting flooring landscaping catering cleaning
	photography printing publishing translation tutoring coaching dentistry pediatrics

	apple banana cherry grape lemon orange peach pear plum berry melon tomato potato onion garlic carrot
	cabbage pepper rice wheat flour butter cheese cream yogurt juice soup salad sandwich cake cookie
	candy chocolate sweet sweets dessert breakfast lunch supper meal snack kebab noodle pasta bread
	spoon fork knife plate cup mug bottle jar pot pan oven stove fridge sink towel soap shampoo
	shirt skirt trousers jeans jacket sweater scarf glove gloves sock socks shoe boot boots hat cap
	belt bag purse umbrella ring necklace watch glasses mirror comb brush
	head face eye ear nose mouth lip tooth tongue neck arm elbow wrist finger thumb chest back
	stomach knee ankle toe heart lung liver kidney bone muscle nerve brain blood skin hair
	bed sofa chair desk shelf cupboard drawer lamp carpet curtain pillow blanket sheet mattress
	kitchen bedroom bathroom living hallway balcony garage basement attic stairs elevator lift
	hammer saw drill nail screw bolt wrench tape rope ladder bucket shovel rake hose
	car bus truck van tram trolley taxi bicycle motorcycle scooter train plane helicopter boat ship
	ferry yacht rocket tractor engine wheel tyre brake mirror seat driver pilot sailor
	doctor nurse dentist surgeon teacher student pupil professor lawyer judge police soldier
	farmer baker butcher cook chef waiter cashier clerk manager director engineer architect
	plumber electrician carpenter painter tailor barber hairdresser designer writer singer actor
	musician dancer artist photographer journalist editor reporter scientist researcher librarian
	mother father son daughter brother sister uncle aunt cousin nephew niece grandmother grandfather
	husband wife baby child kid boy girl man woman friend neighbour neighbor guest host
	spring summer autumn fall winter january february march april may june july august september
	october november december monday tuesday wednesday thursday friday saturday sunday weekend
	morning afternoon evening night today tomorrow yesterday week month year decade century
	red orange yellow green blue purple violet pink brown black white grey gray silver gold golden
	big small large tiny huge long short tall high low wide narrow thick thin heavy light fast slow
	hot warm cool cold wet dry clean dirty new old young fresh ripe sweet sour bitter salty spicy
	happy sad angry calm brave kind nice good bad beautiful pretty ugly rich poor busy quiet
	loud soft hard easy simple strong weak smart clever wise funny
	dog cat cow horse sheep goat pig chicken duck goose rabbit mouse rat bear wolf fox deer lion tiger
	elephant monkey camel zebra giraffe snake frog fish shark whale dolphin bird eagle owl swan
	butterfly bee ant spider fly mosquito
	tree flower rose tulip lily grass leaf leaves root branch forest wood jungle desert mountain hill
	valley river lake sea ocean beach island coast cliff cave volcano field meadow garden park
	sun moon star sky cloud rain snow wind storm thunder lightning fog ice frost rainbow
	paper pen pencil book notebook letter envelope stamp map picture photo poster card
	license licence document diploma report contract policy
	school class lesson exam test grade homework course lecture seminar library laboratory
	football soccer basketball volleyball tennis hockey boxing wrestling swimming running cycling
	skiing skating chess golf baseball rugby cricket karate judo taekwondo gymnastics marathon
	church mosque temple synagogue cathedral chapel monastery
	music song band concert opera ballet theatre cinema film movie show festival party wedding
	birthday holiday vacation trip journey tour travel flight hotel hostel camping picnic
	computer laptop keyboard mouse screen monitor printer scanner camera phone tablet radio
	television speaker headphones cable battery charger robot drone satellite internet website
	business company office factory plant shop store market mall restaurant bakery pharmacy
	hospital clinic bank post station airport port harbour harbor bridge road street avenue square
	city town village capital country nation state province region district
	peace war love hate hope fear joy anger truth lie dream idea memory story history future
	freedom justice
	basqarma baskarma ministrlik akimdik akimshilik kenes keneshi qogamdyq kogamdyk birlestik qor kor zhanalyq janalyk zhanalyqtar janalyktar habar aqparat akparat baspasoz basylym telearna arna shezhire saiasat sayasat ekonomika zan zang quqyq kukyk sot adilet respublika oblys audan ortalyq ortalyk qyzmet kyzmet
	qyzmetker mamandyq mamandyk maman kolik kolik zhurnalistika dene tarbie kasiptik tehnika tekhnika agrarlyq agrarlyk memleket memlekettik ulttyq respublikalyq halyqaralyq mangilik tauelsiz respublikanskiy respublikanskaya oblastnoy oblastnaya rayonnyy rayonnaya natsionalnyy natsionalnaya mezhdunarodnyy mezhdunarodnaya otdel dvorets obedinenie soobshchestvo assambleya kanal telekanal radiostantsiya izdatelstvo
	redaktsiya tipografiya kafedra laboratoriya nauchno tsentralnyy gorodskoy detskiy molodezhnyy molodezh veteran veterany invalid invalidy pensioner pensionery zhenshchiny deti semi
`)
