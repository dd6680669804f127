package webwatch

// moreWords are ordinary words of the names of honest businesses,
// organisations, media, events and places of the region: trades, food,
// health, schools, culture, sport, tourism, nature, family, civic life, in
// Russian, English, Kazakh, Uzbek, Kyrgyz, Turkish, in the Latin spellings people type,
// with the inflections names carry. Written on 2026-12-04 from knowledge of
// the languages by writers who had seen none of the test sets nor the
// scorer, told to leave out every word of money, logins, help, prizes,
// delivery, jobs and tickets, brands' and places' names; the words the
// other lists hold were taken out. They are looked up as whole pieces and
// as stems of inflected ones, not used to cut glued names (the word tries
// keep the shorter lists).
var moreWords = words(`
	advokatskaya advokatskie advokatskii advokatskiy advokatskoe aerobika agrarnoe agrarnye agrarnyi
	agrokompleks akademia akademii akkordeon akupunktura akustica akusticheskaya akusticheskie
	akusticheskii akusticheskiy akusticheskoe akustika akvarium allergolog almaz alpinist analitika
	angliyskie angliyskii angliyskoe arbitraj arbitrazh arheologia arheologiya arhitektor arhitektory
	arhitektura arhitekturnaya arhitekturnoe arhitekturnye arhitekturnyi arhitekturnyy arhiv arhivy
	arifmetika arkheologia arkhitekturnaya arkhitekturnoe arkhitekturnye arkhitekturnyi arkhitekturnyy
	arkhivy aromat aromaterapevt aromaterapia aromaterapiya aromaty associacia associaciya assotsiatsia
	astronomia astronomiya atelie atletika avtomaster avtomasterskaya avtomatizacia avtomatizaciya
	avtomatizatsia avtomatizatsiya avtomoika avtopokraska avtosport avtotehnika avtotekhnika azbuka
	babochka balansirovka balet baletnoe baletnye baletnyi baletnyy bania baraban barabany bashnia
	bashnya bassein basseyny baursaki bazaotdyha bazaotdykha begun beguny belka beloe belyashi belye
	berezy beshbarmak biblioteki bilyard biologia biotehnologii biotekhnologii blinchiki blini bloger
	blogi blyuda bolnica borcy borets borsch borsh borshch bortsy botanika bouling bratia briz brovi
	bruschatka buduschee budushchee budushee bukvar bulka bulochki bulochnaya bulon burgery buro bytovoe
	bytovoi byuro centralnaya centralnoe centralnye centralnyi centralnyy chaihana chaikhana chainaya
	chakchak chasovschik chasovshik chaya chayhana cheburechnaya chebureki chempion chempiony cherepaha
	cherepakha chereshnia chernika chernoe chernye chistka chistki chistota chistyi chtenie cifrovaya
	cifrovoe cifrovoi cifrovoy cifrovye cirk cvetochnaya cvetochnoe cvetochnye cvetochnyi cvetochnyy
	cvetok cyplyata dachi dannye dekor delfin demontaj denrojdenia denrojdeniya denrozhdenia
	denrozhdeniya depilyacia depilyaciya depilyatsia depilyatsiya deratizacia deratizaciya deratizatsia
	deratizatsiya derevia derevnia dermatolog dermatologia dermatologiya deserty detishki detskii
	detskiysad dezinfekcia dezinfekciya dezinfektsia dezinfektsiya dezinsekcia dezinsekciya dezinsektsia
	dezinsektsiya dialog dietolog dietologia dietologiya dirijer dirizher dizain dizaynerskaya
	dizaynerskie dizaynerskii dizaynerskiy dizaynerskoe djaz djem dobroe dobrota dobrye dobryi dogovor
	dogovory dojd doktora domashnii dombra domov drujba druzia duby duhi dukhi dvijenie dvorik dymohod
	dymokhod dynia dzhaz dzhem ejik ekho ekologia ekologicheskie ekologicheskii ekologicheskoe ekologiya
	ekotropa ekskursia ekskursii ekskursovod eksperiment eksperimenty ekzamen ekzameny elektromontaj
	elektronika elka endokrinolog energia energiya epilyacia epilyaciya epilyatsia epilyatsiya
	etnicheskaya etnicheskie etnicheskii etnicheskiy etnicheskoe etno evakuatory evropeyskie evropeyskii
	evropeyskoe ezda ezhik farmacia farmaciya farmatsia fasady feierverk fermerskaya fermerskie
	fermerskii fermy festivali festivalia festivalya feyerverk filarmonia filmy filosofia filosofiya
	fitnesklub fitobar fitoterapia fitoterapiya fizioterapia fizioterapiya fokus folklor fotoatele
	fotografia fotografii fotografiya fotografy fotosemka fotosessia fotosessiya fotostudia fotostudii
	fotosyomka francuzskaya francuzskie francuzskii francuzskiy francuzskoe frantsuzskie frantsuzskii
	frantsuzskoe futbolnoe futbolnye futbolnyi galerei galokamera gandbol garmon garmonia garmoniya
	garmoshka gastronomia gastronomiya gazon gazony genetika geodezia geodeziya geografia geologia
	geologiya gidy gimnazia ginekologia ginekologiya gitara gitary glemping gnezdo gnezdyshko golos
	goluboi golubye goncharnaya gorizont gornoe gornye gornyi gorodskoi gorojane gorozhane goryachaya
	goryachee goryachie goryachii goryachiy gospital gostevaya gostevoe gostevoi gostevoy gostevoydom
	gostevye gostinica gostinicy gostinitsy grajdane grajdanskaya grajdanskie grajdanskii grajdanskiy
	grajdanskoe grammatika gramota gramotnost granit gravirovka grazhdanskaya grazhdanskie grazhdanskii
	grazhdanskoe greblia greblya griby gril groza gruming gruppa gruzchiki gruzinskaya gruzinskie
	gruzinskii gruzinskiy gruzinskoe hakaton hakatony himchistka himchistki himia himiya hirurgia
	hirurgiya hleb hleba hlebnaya hlebnica hlebnitsa hlebnoe hlebnye hlebnyi hlebnyy hlebozavod hokkey
	holm holmy hora horeografia horeograficheskaya horeograficheskie horeograficheskii horeograficheskiy
	horeograficheskoe horeografiya horovaya horovoe horovoi horovoy horovye hory hozyaistvo hozyayka
	hozyaystvo hronika hroniki hudojestvennaya hudojestvennoe hudojestvennye hudojestvennyi
	hudojestvennyy hudojnik hudojniki hudozhestvennaya hudozhestvennoe hudozhestvennye hudozhestvennyi
	hudozhestvennyy hudozhnik hudozhniki idei ideya iglorefleksoterapia iglorefleksoterapiya igrovoe
	igrovoi igrovye implantacia implantaciya implantatsia implantatsiya implanty iniciativa iniciativy
	initsiativa initsiativy injenernaya injenernoe injenernye injenernyi injenernyy injenery injiniring
	inklyuzia inklyuziya innovacii innovacionnaya innovacionnoe innovacionnye innovacionnyi
	innovacionnyy innovatsionnaya innovatsionnoe innovatsionnye innovatsionnyi interery interier
	inzhenernaya inzhenernoe inzhenernye inzhenernyi inzhenernyy inzhiniring issledovania issledovaniya
	issledovatelskie issledovatelskii issledovatelskoe istoria istoricheskie istoricheskii italyanskie
	italyanskii italyanskoe ivent iventy izolyacia izolyaciya izolyatsia izolyatsiya izostudia
	izostudiya izumrudnaya izumrudnoe izumrudnye izumrudnyi izyum jalyuzi jeltaya jeltoe jeltye jeltyi
	jeltyy jemchug jemchujina jena jenschiny jenshchiny jenskaya jenskie jenskii jenskiy jenskoe jile
	jilye jiteli jivopis jivotnovodstvo jivotnye jizn joga juravl juravli kadet kadetskaya kadetskie
	kadetskii kadetskiy kadetskoe kadety kalligrafia kalligrafiya kamernaya kamernoe kamernye kamernyi
	kamernyy kaminy kamni kampus kanalizacia kanalizaciya kanalizatsia kanaly kanikuly kanon karavan
	kardiologia kardiologiya karnaval kartina kartiny kasha katok kedr kejtering kemping keramicheskaya
	keramicheskie keramicheskii keramicheskoe keytering khakaton khakatony khalva khammam khimchistki
	khimia khirurgia khirurgiya khleba khlebnica khlebnitsa khlebnoe khlebnye khlebnyi khora
	khoreografia khoreograficheskaya khoreograficheskie khoreograficheskii khoreograficheskiy
	khoreograficheskoe khorovaya khorovoe khorovoi khorovoy khorovye khory khostel khozyaistvo khronika
	khroniki khudojestvennaya khudojestvennoe khudojestvennye khudojestvennyi khudojestvennyy khudojnik
	khudojniki khudozhestvennoe khudozhestvennye khudozhestvennyi khudozhniki kibersport kikboksing
	kinostudia kinozal kitayskie kitayskii kitayskoe klassika kliniki klining kliningovaya kliningovoe
	kliningovye kliningovyi kliningovyy klub klubnika klyuchi knijki knijnaya knijnoe knijnye knijnyi
	knijnyy knizhki knizhnoe knizhnye knizhnyi kochevnik kochevniki kofeini kofeinia kofeyni kofeynia
	kokteil kokteyl kokteyli kolledja kolodcy kolodets kompas kompleks kompot kompyuter kompyuternaya
	kompyuternoe kompyuternye kompyuternyi kompyuternyy kompyutery koncert koncerty kondicioner
	kondicionery konditerskie konditerskii konditerskiy konditerskoe konditery konevodstvo konnoe konnye
	konnyi konsalting konservatoria konservatoriya konsultacia konsultacii konsultaciya konsultatsia
	konsultatsii konsultatsiya kontora kontserty konyushnia konyushnya koreyskie koreyskii koreyskoe
	korpus kosmetologia kosmicheskaya kosmicheskie kosmicheskii kosmicheskiy kosmicheskoe kosmos kotlety
	kottedj kottedji kottedzh kottedzhi koty kotyata kovka kraevedenie krasnoe krasnye kristall
	krovelnaya krovelnoe krovelnyi krovelschik krovelshik krovli krovlia kryshi kuhni kuhnia kuhnya
	kuirdak kukhnia kukly kukolnaya kukolnoe kukolnye kukolnyi kukolnyy kulinaria kulinarnoe kulinarnye
	kulinarnyi kulturnyi kurica kurorty kuyrdak kuznica kuznitsa kvartet kvarteta kvintet laboratoria
	lageria lagerya landshaft landshaftnaya landshaftnoe landshaftnye landshaftnyi legenda legendy
	legkayaatletika lepka lesnoe lesnoi lesnye lestnica lestnicy lestnitsa lestnitsy letnee letnie
	letnii licei licey liga lilia lilii liliya lingvistika lisenok listia listok listya literaturnaya
	literaturnoe literaturnye literaturnyi literaturnyy logistika logopedia logopediya logopedy lotos
	luchniki luga lyji lyjnaya lyjnoe lyjnye lyjnyi lyjnyy lyzhi lyzhnoe lyzhnye lyzhnyi maki malina
	malyary mamochka mangal manikur manualnaya manualnoe manualnye manualnyi manualnyy marafon marshrut
	marshruty marta maslenica maslenitsa massaj massajist massajistka massajnaya massajnoe massajnye
	massajnyi massajnyy massazhistka massazhnaya massazhnoe massazhnye massazhnyi masterok masterov
	masterskie masterskih masterskikh mayak mebelnoe mebelnye mebelnyi meda medcentr mediacia mediaciya
	mediatsia mediatsiya medicina medicinskaya medicinskie medicinskii medicinskiy medicinskoe meditacia
	meditaciya meditatsia meditatsiya meditsinskii medok medovaya medovoe medovye medovyi medovyy
	medvejonok medvezhonok mejdunarodnaya mejdunarodnoe mejdunarodnye mejdunarodnyi mejdunarodnyy
	melnica melnitsa melodia melodii melodiya meropriyatia meropriyatie meropriyatiya mezhdunarodnoe
	mezhdunarodnye mezhdunarodnyi mindal mitap mitapy mnenia mnenie mneniya moika mojjevelnik molochnoe
	molochnyi molodej molodejnaya molodejnoe molodejnye molodejnyi molodejnyy molodezhnaya molodezhnoe
	molodezhnye molodezhnyi molodoi montaj moria morojenoe moroz morskie morskoe morskoi morya
	mozhzhevelnik mramor mujchiny mujnachas mujskaya mujskie mujskoe mujskoi mujskoy muzhnachas
	muzhskaya muzhskie muzhskoe muzhskoi muzhskoy muzykalnye muzykalnyi muzykanty myasnoe myasnoi
	nadejda narodnyi nasledia naslediya nauchnoe nauchnye nauchnyi nauki navruz nedelia nemetskie
	nemetskii nemetskoe nevesta nevrologia nevrologiya nogti notarialnaya notarialnoe notarialnye
	notarialnyi notarialnyy noutbuki novogodnee novogodnie novogodnii novogodnyaya novostey novostnaya
	novostnoe novostnoi novostnoy novostnye novye novyigod novyygod nutriciolog nutritsiolog oblaka
	oblako obozrenia obozrenie obozreniya obrazovatelnye obrazovatelnyi obschejitie obschestvennaya
	obschestvennoe obschestvennye obschestvennyi obschestvennyy obschestvo obschezhitie observatoria
	observatoriya obshchejitie obshchestvennoe obshchestvennyi obshchezhitie obshestvennaya
	obshestvennoe obshestvennye obshestvennyi obshestvennyy obshestvo obshezhitie obzor obzory ochag
	oformlenie oftalmolog oftalmologia oftalmologiya ograjdenia ograjdeniya ograzhdenia ograzhdeniya
	ohota okean okon okroshka oladi oladushki olimpiady oranjevaya oranjevoe oranjevye oranjevyi
	oranjevyy oranzhevoe oranzhevye oranzhevyi oreh orehi orhideya orkestra orkestry orkhideya ortodont
	ortodontia ortodontiya osennee osennie osennii osteklenie osteopat osteopatia osteopatiya
	osveschenie osveshenie otdyh oteli otkrytia otkrytie otkrytiya otpusk ovcy ovoschi ovoshi
	ozdorovitelnoe ozdorovitelnye ozdorovitelnyi ozdorovlenie ozer pahlava pakhlava palatka palatki
	pamyat parfyum parfyumeria parikmaher parikmaherskaya parikmahery parikmakhery partnerstvo parus
	parusa pasechnik paseka patrioty pchela pchelka pchely pechat pechati pechi pedagogicheskie
	pedagogicheskii pedagogicheskoe pedagogika pediatria pediatriya pedikur pejntbol pekarni pekarnia
	penie pereezd pereezdy pererabotka peretyajka peretyazhka pereval perevodchik perevodchiki perevozka
	peschera peshchera peshera pesik pesnia pevcy pevica pevtsy peyntbol pianino piknik pirog pirojki
	pisateli pischa pisha pishcha pitanie pitomcy pitomets pitomnik pitomtsy pitsa pitseria pitseriya
	pitstseria pivnaya pivovar pivovarnia pivovarnya planetariy plitochnik plombir ploschad ploschadka
	ploshad ploshadka ploshchadka plotniki plovy plyaj plyaji plyazhi podgotovka podkast podkasty
	podrostki podsolnuh podsolnukh poeticheskaya poeticheskie poeticheskii poeticheskiy poeticheskoe
	poety poezia pohod pohody pojilye pokhody pokolenia pokolenie pokoleniya polden polia poligrafia
	poligraficheskaya poligraficheskie poligraficheskii poligraficheskiy poligraficheskoe poligrafiya
	polimery polya polyana popugay portniha portnoi poshiv poshiva potolok pozhilye prachechnaya
	prachechnye prava pravo pravosudie pravovaya pravovoe pravovoi pravovoy pravovye prazdnichnoe
	prazdnichnye prazdnichnyi prazdnika pressa pricheska pricheski prirodnye prirodnyi priyut probejka
	probezhka proektnoe proektnye proektnyi proekty programma programmisty programmy pshenica pshenitsa
	psihologi psihologia psihologicheskaya psihologicheskie psihologicheskii psihologicheskiy
	psihologicheskoe psihoterapevt psihoterapia psihoterapiya psikhologi psikhologia psikhologicheskaya
	psikhologicheskie psikhologicheskii psikhologicheskiy psikhologicheskoe psikhoterapevt psikhoterapia
	psikhoterapiya ptica pticefabrika pticevodstvo pticy ptitsevodstvo puls pustynia puteshestvennik
	puteshestvia puteshestviya rasskazy rassvet rastyajka rastyazhka ravenstvo razrabotchik
	razrabotchiki razrabotka razvivayuschaya razvivayuschee razvivayuschie razvivayuschii razvivayuschiy
	razvivayushaya razvivayushchee razvivayushchie razvivayushchii razvivayushee razvivayushie
	razvivayushii razvivayushiy reabilitacia reabilitaciya reabilitatsia redakcia redakciya redaktsia
	remesla remeslennaya remeslennoe remeslennye remeslennyi remeslennyy remeslo remonta remontik
	remontnoe remontnyi remontov remonty repetitorstvo repetitory reportaj reportazh reshenia resheniya
	resnicy resnitsy restorana restorany rezina risunok ritm ritmy ritorika robototehnika roboty rodnoe
	rodnoi rodnye rojdestvo romashki rozhdestvo rozovoe rozovye rozovyi ruki russkie russkii russkoe
	rybhoz rybka rybkhoz rybnye rybnyi sadik sadovod sadovoe sadovyi sajency sajentsy sajt salat salaty
	salony salyut samsy sanatorij santehnicheskaya santehnicheskie santehnicheskii santehnicheskiy
	santehnicheskoe santehniki santekhnicheskaya santekhnicheskie santekhnicheskii santekhnicheskiy
	santekhnicheskoe santekhniki sauny saygak sayt sayty sazhency sazhentsy scena schenki schenok selhoz
	selskii semeynye semeynyi semia seroe serye seryi seti severnoe severnye severnyi shahmatist
	shahmatnaya shahmatnoe shahmatnye shahmatnyi shahmatnyy shahmaty shakhmatist shakhmatnoe shakhmatnye
	shakhmatnyi sharik shariki shary shashki shchenki shedevr shenki shenok shinomontaj shinomontaja
	shinomontajka shinomontazha shinomontazhka shite shitye shkafykupe shkolnyi shodrazval shokoladnaya
	shokoladnica shokoladnitsa shokoladnoe shokoladnye shokoladnyi shtukaturka shvei shveynye shveynyi
	simfonicheskaya simfonicheskie simfonicheskii simfonicheskiy simfonicheskoe sinee sinie sistema
	skalodrom skalolazanie skhodrazval sklad sklady skorochtenie skripka skvajina skvajiny skvazhina
	sladkie sladkii sladkoe sluh slukh smuzi snejok snezhok sobytia sobytie sobytiya sociologia
	sociologiya soki solarii solnce solnechnye solnechnyi solyanka solyarii sotrudnichestvo sotsiologia
	sotsiologiya spalnia specii speleoterapia speleoterapiya spetstehnika sporta sportivnyi
	spravedlivost stacionar startap startapy statsionar steik stekla steklo stepnoe stepnoi stepnye
	steyk stihi stikhi stil stirka stolovye stolyarka stomatologi stomatologia stomatologicheskie
	stomatologicheskii stomatologicheskoe strannik strelba strelkovaya strelkovoe strelkovye strelkovyi
	strijka strijki strizhka strizhki stroika stroitelnyi stsena studia studii styajka styazhka sudy
	suhofrukty supy svadby svadebnaya svadebnoe svadebnye svadebnyi svadebnyy svarschik svarshik svejaya
	svejee svejie svejii svejiy svezhie svezhii syrniki syrovarnia syrovarnya talanty tamada tancev
	tancevalnaya tancevalnoe tancevalnye tancevalnyi tancevalnyy tancy tandyr tantsev tantsevalnoe
	tantsevalnye tantsevalnyi teatralnoe teatralnye teatralnyi tehnicheskaya tehnicheskie tehnicheskii
	tehnicheskiy tehnicheskoe tehnologia tehnologicheskaya tehnologicheskie tehnologicheskii
	tehnologicheskiy tehnologicheskoe tehnologii tehnologiya tehnopark tekhnicheskaya tekhnicheskie
	tekhnicheskii tekhnicheskoe tekhnologia tekhnologicheskaya tekhnologicheskie tekhnologicheskii
	tekhnologicheskoe telefonov telefony televidenie tema temy teplica teplicy teplitsa tipografia
	tipografii tira tiry tolerantnost tomografia tomografiya tonirovka torjestva torjestvo tortik
	torzhestva tradicia tradicii tradiciya traditsia traditsiya transportnaya transportnoe transportnye
	transportnyi transportnyy travy trenery trenirovka trenirovki tribuna tropa tropinka tsentralnye
	tsentralnyi tsifrovaya tsifrovoe tsifrovoi tsifrovoy tsifrovye tsvetochnoe tsvetochnye tsvetochnyi
	tsyplyata tucha turagentstvo turetskie turetskii turetskoe turfirma turist turisticheskie
	turisticheskii turisticheskoe turisty turoperator turov tvorcheskie tvorcheskii tyulpan uborki
	uchebnik uchebniki uchebnyi uchitelia udobrenia ugolok uhod ujin ujiny ukhod ukrashenia uley ulia
	ulica ulya ulybka ulybki umelcy umelets umeltsy umnica umnichka umniki umnitsa umnoe umnye umnyi
	upakovka urojai urojay urok uroki urolog urologia urologiya urozhai uschele ushele uteplenie utka
	utrennee utrennie utrennii utrenniy utrennyaya uyut uyutnoe uyutnye uyutnyi uzhiny varene vareniki
	varenye vdohnovenie vdokhnovenie vecherinka vecherinki vechernee vechernie vechernii vecherniy
	vechernyaya veduschaya veduschiy vedushaya vedushchaya vedushchiy vedushiy ventilyacia ventilyaciya
	ventilyatsia vershina vershiny vesennee vesennie vesennii veteranov veterinaria veterinariya
	veterinarnoe veterinarnye veterinarnyi videograf videosemka videostudia videostudiya videosyomka
	vina vinodelie vinodelnia vinodelnya vinogradnaya vinogradnik vinogradniki vinogradnoe vinogradnye
	vinogradnyi vinogradnyy vishnia vitaminy vkusnoe vkusnyashki vkusnye vkusnyi vodopady vodosnabjenie
	vokalnoe vokalnye vokalnyi vokalnyy volna volny volonter volonterskaya volonterskie volonterskii
	volonterskiy volonterskoe volonterstvo volontery volshebnoe volshebnye volshebnyi volshebstvo
	vostochnyi vunderkind vunderkindy vyazanie vyshivka vyshivki vystavki vyveska vyveski vzglyad
	yablonia yablonya yachmen yagoda yakor yantar yaponskie yaponskii yaponskoe yastreb yazyki yazykov
	yazykovoe yazykovoi yazykovye yolka yubilei yujnaya yujnoe yujnye yujnyi yujnyy yunaya yunoe yunost
	yunye yunyi yunyy yuridicheskie yuridicheskii yuridicheskoe yurta yurty yuvelirnoe yuvelirnyi
	yuveliry yuzhnoe yuzhnye yuzhnyi zakat zaly zamki zanyatia zanyatiya zapadnoe zapadnye zapadnyi
	zaria zarya zaryadka zaychik zdorovia zdorovie zelen zemlia zheltoe zheltye zheltyi zhemchug
	zhemchuzhina zhenschiny zhenshiny zhenskaya zhenskie zhenskii zhenskiy zhenskoe zhile zhivotnye
	zimnee zimnie zimnii znania znanie znaniya zoologia zoologiya zrenie zveri zvuk zvuki zvukozapis
	academia accessibility accessible accordion acoustic acoustics acrobatics acupuncture adventures
	advocacy advocate advocates aerobics agrarian agri agricultural agritech agronomist agronomy
	agrotech agrotourism airconditioning algorithm algorithms alignment allergy alphabet alpine alpinism
	alteration alterations amber amethyst analytics anchor anglers animals animator anthropology
	apartments apiaries apiary apothecary apricots aquaculture aquatics arbitration arborist archaeology
	archives aroma aromas aromatherapy artists asian associations astronomy atelier athletes attorney
	attorneys audiology aurora automation autorepair autumnal ayurveda azure babies babysitter
	babysitting bachelor backend backpacker backpackers bagel bagels baguette bakehouse bakers baking
	baklava balloons ballroom bands banners banquet banquets barbecue barbers barista baristas barley
	barre barrister bears beaver beekeeper beekeepers beekeeping beer beers bees beige berries bespoke
	biathlon bikes billboards billiards biochemistry biology biotech birch birdlife birds birdwatching
	birthdays biryani biscuits bits blacksmith blinds blogger bloggers blogs blooming blossoms blueberry
	blues bodybuilding bodycare bodywork boiler boilers bonfire bookbinding bootcamp botany bouldering
	boulevard bouquet bouquets bowling boxer braces brains brainy branding brass breads breakdance
	breathing breweries brewpub bricklayer bricks bridal bride brightness broadcasting bronze brook
	brothers brows brunch brushes buckwheat buildings bulletin bunny buns burgers burrito butterflies
	byte bytes cabaret cabin cabins cabs cadet cadets cafeteria cakes calisthenics calligrapher
	calligraphy campfire campground camps campsite candies canoe canteen canyons cappuccino caramel
	cardiologist carnival carpenters cartoon carwash cats caves cedar celebrate celebration celebrations
	cello ceremonies ceremony chairs chalet champions channel channels chauffeur checkers cheerleading
	cheesecake cheesemaker cheesemaking cheeses chefs cherries chickens childcare childhood chimney
	chinese chiropractic chocolatier choirs choral chorale choreography christmas chronicle chronicles
	cider cidery cinemas cinematheque citizens citizenship civic civics classes classical classics
	classroom cleaners cleanup climbers clocks clouds clubs cobbler cocktail cocktails cocoa coffeehouse
	collective column columnist comfort comfy commons compass composer composers compost compute
	computers computing concrete conditioners conductor confectioner conferences conservation
	conservatory consultancy consultant contemporary contractor contractors contracts cookies cooking
	cooks cooperation copper coral cosmetologist cosmetology cosmos cosy cottages counsel counseling
	counselling courtyard cousins coworking cozy craftsman craftsmanship craftsmen crane cranes
	creativity creek crepes crimson croissant croissants crossfit cuisines culinary cupcakes curry cyan
	cyclists dads daisy dancers dances dancing darts dataset dawn daylight dean debate debates
	decoration decorations decorator decorators delicious demolition dermatologist dermatology deserts
	designs desserts detailing devs diagnostic dialogue diaspora diet dietitian digest diner disability
	discovery disinfection divers diving documentaries documentary doggy dogs dojo dolphins donuts
	drainage dressmaker dressmaking drones drummer drums drycleaning drywall dumpling dune dunes dusk
	eagles easter eatery echo eclairs ecological ecotour ecotourism edelweiss editorial editors
	educational educator educators eggs eldercare electricians electrics eloquence embroiderers
	endocrinology engagement engraving environment environmental epilation equality equinox erudite
	esports espresso european exams excavation excavator excursion excursions exhibition exhibitions
	expeditions experiments expert experts explore explorer explorers eyebrows eyecare eyeglasses
	eyewear facade facades facial facials faculties fairytale falafel falconer falconry falcons
	farmhouse farmstead fatherhood fathers feast felting fencer fencers fences festive festivities
	fields fiesta fighters fighting fireplace fireplaces fireworks fisheries fishery flamenco flavor
	flavour floristry flute foal folklore foodie foods forests forge forums forwarding foxes fragrances
	frames freestyle freight french freshness friends friendship frontend fullstack gadgets gala
	galleries gamedev garages gardener gardeners gardening gastro gastronomy gastropub gates gazelle
	gazette geek geeks gelato generations genetics genius geodesy georgian getaway gingerbread girls
	glamping glazier glazing goats goodwill gorge gourmet graduate graduation grammar grandma grandpa
	granite granny granola grapes greenery grillhouse groomer grove guesthouse guesthouses guided guides
	guitarist guitars gynecologist gynecology hackathon hackathons haircut haircuts hairstyle
	hairstylist halls halotherapy halva hammam hamster handball handicraft handicrafts handyman
	happiness harp harvests hatchery haulage hawk hayfield headlines healing healthcare healthy hearth
	hedgehog hens herald herbal highland hikers hills hiphop hive hives holidays homeland homely
	homemade homeopathy homeschool homestay homestead honeybee honeycomb honeymoon horizons horseman
	hospitality hostels hotdog hotels hothouse household housekeeper housekeeping houses housewarming
	hubs hummus hydrology icecream icerink ideas illustration illustrator imagination implants improv
	inclusion inclusive incubator indigo initiative initiatives insight insights inspiration insulation
	integration interpreter interview interviews ironing ironwork islands italian ivory jade jams
	japanese javascript jazz jeweler jeweller joiner journalism journalists journals journeys juicebar
	juniors juniper jurist jurists karting kayak kayaking kebabs kennels khaki kickboxing kindergartens
	kindness kitten kittens knitwear kombucha korean kosher labels lagoon lamb lambs laminate landscapes
	laptops laser lasertag lashes latte laundromat laundry lavender lawns lawyers lecturer lectures
	legends lemonade lemonades lenses leopard libraries lifestyle lifting lilac lilies linguistics lions
	literacy litigation livingroom loaf locks locksmith lodges loft logic logopedics macarons maestro
	magenta maize maker makers makerspace makeup manga manufactory manufacture maple mare marmalade
	marzipan mason masquerade massages masseur masseuse masterclass masterclasses mastery matcha
	materials math mathematics maths mattresses meadery meats mechanic mechanics mediation mediator
	medic medics meditation mediterranean meetup meetups melodies mentoring meringue messenger metalwork
	metalworks meteorology microbiology microchip midnight midwife milkshake milky millet mime
	mindfulness minds mint miracle mirrors mocktails moms montessori moonlight motel motherhood mothers
	motorsport mountaineering movement movers moving muesli muffins mushrooms musical musicals musicians
	nailart nailbar nails nannies nanny nanotech native naturopathy navy needle neighbors neighbourhood
	nerd nerds networks neural neurologist neuroscience newsletter newsroom newyear notarial notaries
	notes nowruz nursing nutrition nutritionist oatmeal oats observer oceans offroad oils olive olives
	olympiads omelette opensource ophthalmology opinion opinions optician optometrist oranges orchestras
	orchid orchids organics organizer organizers oriental orienteering orthodontist orthopedic
	orthopedics osteopathy otter owls paediatric paintball paintings paints pancakes panda paragliding
	parenting parents parkour parquet parrot parrots parties partnership pastries pasture patent patents
	pathway patisserie paver peak peaks pedagogy pediatrician pedicure peeling percussion perfumery
	petal petals petcare pharmacies philharmonia phonics photostudio physician physio pianist pianists
	pies pilaf pilates pine pines pingpong pipes pipework pistachio pita pixels pizzeria places
	plantation plaster plastering plumbers podcasts poets polo polymer polymers pond ponds ponies pony
	pools poplar poppies poppy porridge portrait portraits posters posture potter powerlifting premiere
	prenatal pretzel pretzels printers prints professors profi programmers programming projects prom
	proposal prosthetics prototyping psychologist psychology psychotherapy publisher pubs pumps puppet
	puppets puppies puppy pure python quartet quintet quiz quizzes rabbits racing radiology rafting
	rainy rally ramen ranches raspberry reading reception recital recitals recording recordings recycle
	recycling reflexology refurbishment relatives removals renovations repairman reporters reports
	resorts restoration retreat retreats retro review reviews rhythm rhythms riddles rights rink risotto
	roadtrip roasters roastery robots rocks rolls roofer roofers rooms roses route routes ruby runner
	runners safari saiga salads salsa samosa sanatorium sandwiches saunas sausages sawmill saxaul
	saxophone scaffolding scarlet scenic scholars schoolhouse sciences scientists scissors scouts
	screening screenings sculptor seamstress seas seasonal seasons seedling seedlings seminars seniors
	sensors sewer shearing shoemaker showcase sibling siblings sightseeing signage singers singing
	sisters skatepark skies skis skyline smartphones smiles smoothie smoothies snowboard snowboarding
	snowy sociology sofas solarium solicitor solicitors solidarity soloist soloists solstice sonata
	songs songwriter sorbet sounds soups sourdough spaces spaghetti spas speaking spice spine sportsmen
	springtime sprint sprinter sprout sprouts spruce squash squirrel stage staircase stallion standup
	stargazing starlight starry stars startup startups steak steakhouse steaks steam stem stickers
	stonework storage storytelling stoves strawberry streetball streetfood stretching strings stud
	studies stylist stylists summertime sunflowers sunny sunshine surfing surveying sushibar swans
	swimmers symphonic tables tabletennis tacos tailored tailors tandoor tango tanning tapas tapestry
	tarts taste tastes tasty tatami tavern teahouse teal teams teaparty teas teatime technopark teen
	teens telegraph telescope tent tents terrace textbook textbooks theatres therapist therapists thread
	tigers tiler tiles tiling times tinting tiramisu toast toastmaster toddlers tolerance tomography
	toolbox touring tourist tourists towing tractors trademark trademarks trail trailhead trails trainer
	trainers translator translators transportation traumatology traveler travellers travels trees
	trekking triathlon trio trips trucks truffle truffles trumpet tulips turkish turquoise turtle tutor
	tutorial twins typography ultrasound undergraduate universities upholstery urologist urology
	vacations varnish vegan vegetarian veggies velo veterinarian videos viewpoint villa villas vines
	vineyards violin violinist virtuoso visual visuals vital vitamins vlog vocals voices volunteering
	volunteers waffles waltz wanderer wanderers wanderlust wardrobe wardrobes warehouse warehousing
	warmth washing watches watchmaker waterfall waterfalls waterproofing waves waxing weaver webdev
	webinar webinars websites weekly weightlifting welder welders wellbeing wells whitening wilderness
	wildflowers wildlife willow winds wine winebar winemaking wineries winery wines wintertime wiring
	wolves wonders woodcarving woods woodworking workout workouts works wraps wrestlers writers writing
	yachting yogi yummy zerowaste zoology zumba abiroi abyroi abyroy adaldik adaldyk adaldyq adetghuryp
	adetgurip adetguryp adiletti advokattar agashi agashshi agayin agayyn aghashtar aghashy aghayyn
	aghylshyn agilshin agylshyn aidin aidini aidyn aidyny ainek aitis aitys ajesi akademiyasi
	akademiyasy akboken akil akildi akin akindar akjailau akjelken akjurek akkaying akkayyn akniet
	akparattik akparattyk aksakaldar aksungkar aksunkar aktilek akyl akzhaylau akzhelken akzhol akzhurek
	algashki algashky algashqy alghashqy alghys algis algys alip alippe alkizil alkyzyl almasi almasy
	altin alyp anasi angar angdar anggar angghar angiz angizdar angshi angshilar angshylar angyzdar
	ansambli apasi apasy aqboken aqbota aqjailau aqjelken aqjol aqjurek aqniet aqparattyq aqqayyn
	aqqayyng aqsungqar aqsunqar aqtilek aqyl aqzhaylau aqzhelken aqzhol aqzhurek aralar arashi arashilik
	arashy arashylyk arashylyq ardager ardagerler aristan armandar armani armany arnasi arnasy asaba
	ashanasi ashekei ashekeiler ashekey ashekeyler ashilim ashylym asik asikatu asil aspani aspaz
	aspazdar aspazshi aspazshy astronomiya asui asuy asykatu asyl asyqatu ataana atameken atasi atsporti
	atsporty audarispak auil auildar auildik auili aulie aulieli auruhanasi aydyn aydyny aynek aytys
	azamattik azamattyk azamattyq azhesi badam bagdarlama bagdarlamashi bagdarlamashy baghdarlama
	baghdarlamashy baghy bagi bagy baikau baikaui baiqau baiqauy baisheshek baiterek bakit bakiti
	bakitti bakshashi bakshashy bakshasi bakyty balabakshasi balakai balakailar balakay balakaylar
	balalari balalary balalik balaqai balaqailar balaqay balaqaylar bali balikshi baltashi baltashy
	balyk bapker bapkerler baqshashy baqyty baris baspana baspanasi baspanasy baspasi bassein bastaui
	bastauy basti basty batir batiri batirlar baubaksha baubaqsha bauir bauirlar bauirsak bayge baykau
	baykauy bayqau bayqauy baysheshek bayterek bereke berekeli beshbarmak beshbarmaq betege biler
	bilgari bilimpaz boksshi bolashaghy bolashagi bota bugi bulaghy bulagi burkitshi bylgary bylghary
	chempion dalalik dalalyk dalalyq damhana dami damkhana damu danalik danalyk danalyq danishpan
	darihanasi darihanasy darikhanasy darin darindi daryn dastarhani dasturli dauis dauisi dauys dauysy
	dayindik dayyndyk dayyndyq demalis demalisi demalisuyi demalysuyi deneshiniktiru deneshynyktyru
	deneshynyqtyru densauligi densaulik densaulyghy dombira dombirashi dostigi dostik dostyghy dunie
	ekologiya ekologiyalik ekologiyalyk ekologiyalyq ekoturizm elim elimiz emdik emhanasi epos erlik
	etnoauil etnoauyl festivali filmder folklor fotosuret futbolshi futbolshy galim galimdar garish
	garishker garyshker gharyshker ghibadatkhana ghimarat ghimaraty ghylymi ghylymy gilim gilimi gimarat
	gimarati gimaraty gimnaziyasi gulderi gulzar gylymi habari habarshi habarshy habary halik haliktik
	halki halyq halyqtyq himiya horeografiya hori hory imandi imandy innovatsiya innovatsiyalik
	innovatsiyalyk innovatsiyalyq intimak intimaktastik istik izdenis izgi jagalau jailaui jaksi
	janalygy janalyq janalyqtar janga jangaligi jangalik jangaliktar jangbir janggak januya japirak
	jarik jaris jarisi jaristar jarkin jarshi jarshy jasampaz jasil jasildandiru jasilel jastari jastary
	jasyldandyru jasylel jattigu jattiktirushi jaukazin jazi jazik jazira jazushi jazushilar jazy
	jekpejek jengis jengisi jenisi jent jeruyik jeruyyq jetistik jetistikter jibekjoli jibekjoly jihaz
	jihazdar jiin jili jilijai jilki jilkilar jilkishi jilu jirau jiraular jiri jirlar jiyn jobalar
	jobasi jobasy jolbaris joli jorik joryq juirik juldiz juldizdar juldizi jurnali jusan juzimdigi
	juzimdik jyrau jyraular jyry kadam kadet kadetter kadetterkorpusi kadetterkorpusy kadettik
	kaitaongdeu kajilik kalamger kamis karagai karbiz karbizdar karbyzdar karligash karshiga kart
	karttar kasapshi kasapshy kasietti kaskir kauimdastik kauin kauindar kauymdastyk kauyndar kaying
	kaytaondeu kazakkuresi kazaktili kazi kenesshi kenges kengesshi kengistik kenistik keremet keruen
	keruensarai keruensaray kesenesi keshi kezdesu khabar khabarshy khabary khalky khalqy khalyk
	khalyktyk khalyq khalyqtyq khory kieli kiizi kiizui kiizuy kiizuyi kilkalam kimiz kinosi kiran
	kirandar kishshi kisi kistau kitabi kitaphanasi kizdar kizgaldak kizi kizilgul kizkuu kizuzatu
	klinikasi klinikasy klub klubi kobiz kobizshi kobyzshy kogamdik kogami koilar koishi kokorai kokoray
	koktemi kolikter komandasi komandasy konakjai konakjaililik konakzhay konferentsiya kongir konkurs
	kontserti konyr kopiri korigi korik korkemoner korshaganorta korygy koryk koshet koshetter kozgalis
	kozgalys kuanish kuat kuatti kukigi kukik kukiktik kukyktyk kulin kunshuak kunshuaq kurbanait
	kurbanayt kurilis kurilisi kurilisshi kurilisshilar kurstar kurstari kurstary kusbegi kutti
	kuttiktau kuttyktau kuzi kylkalam kyrandar kyshshy kysy kyzkuu kyzuzatu kyzylgul lashin madeni makta
	mali malsharuashiligi malsharuashylyghy malsharuashylygy malshi manggilik maqta maral massaj mausim
	mazari mazary meditsinalik meditsinalyk meditsinalyq meiramhanasi meirami meiramy mekteptin
	mektepting mereitoi merekelik mereytoy mergen mergender meyirban meyirbike meyirim meyramhana
	meyramhanasy meyramy mikti misik mughalimder muhit mukhit murajayi murajayy muralar murasi murasy
	musilman musilmandar musylman musylmandar muzika muzikalik muzykalyk muzykalyq nani naubaishi
	naubaishy naubayhana naubayshy nauriz notariat nuri nurli nury odaghy odagi odagy odak odaq oilar
	oishil oishyl okirman okirmandar okitushi okitushilar okui okulik okushi okushilar okuy okytushylar
	olengder omartasi omartasy onerli oquy orken orkeniet orleu ormani orta oshaghy oshagi oshagy
	osimdik otanim otanym otbasi otbasilik otbasy otbasylyk oyin oyindar oyinshik oyinshiktar oylar
	oyshyl oyui oyuy oyynshyk oyynshyktar oyynshyq oyynshyqtar paluan parasat pedagogika pedagogikalik
	pedagogikalyk pedagogikalyq pikir pikirler qadam qaitaondeu qalamger qaragay qaraghay qarlyghash
	qarshygha qart qarta qarttar qasapshy qasietti qauymdastyq qaytaondeu qaytaongdeu qayyn qayyng
	qazaqkuresi qazaqtili qazhylyq qobyzshy qogham qoghamdyq qoghamy qonaqjai qonaquy qonaquyi qonaqzhay
	qonaqzhaylylyq qonyr qorshaganorta qorshaghanorta qoryghy qorygy qoryq qoyan qoylar qoyshy qozgalys
	qozghalys quat quatty quqyghy quqyqtyq qurbanait qurbanayt qusbegi quttyqtau qylqalam qyshshy qysy
	qyzghaldaq qyzquu qyzuzatu qyzylgul radiosi radiosy robototehnika sadak sadakshi sadakshy sadaq
	sadaqshy sahnasi saigulik sakhna sakhnasy salkin saltanatti saltanatty saltdastur salti sari
	sarkirama sauigu sauiktiru saulesi saulet sauleti sauletshi saulik saulyk sauyghu sauygu sayabaghy
	sayabagi sayabaq sayahatshi sayahatshy sayahattar sayakhat sayakhatshy sayakhattar sayatshi sayatshy
	saygulik sazsirnai sazsyrnai sazsyrnay senim senimdi shabit shahmatshi shakirt shakirtter shalghyn
	shalgin shalgyn shamshirak shamshyrak shamshyraq shangghy shanggi shangiragi shangirak shangyraghy
	shangyraq shapagat shapaghat shapak shapaq sharuashiligi sharuashilik sharuashylyghy shashu shatir
	shatiri shatkal shatqal shattik shattyq shatyry shayhana shayi sheberhanasi sheberhanasy sheberkhana
	sheberkhanasy sheberligi sheberlik shejire shigarmashilik shinar shing shingi shipa shipager
	shipajai shipajayi shipajayy shipali shipaly shipasi shipasy shipazhay shipazhayy shirsha shobi
	sholu shuak shuakti shughyla shugila shugyla shujik shuzhyq shygharmashylyq shynar shyngy shyryn
	sibizgi siir sozi sporttik sporttyk sporttyq suhbat sukhbat sululik sululiksaloni sululyk
	sululyksalony sululyq sululyqsalony sundettoi sundettoy sungkar sungqar susin tabigati tabighaty
	tagami taghamdar taghamy tajiribe tamyr tangajayyp tangazhayyp tanggajayip tangghazhayyp tangi
	tangsholpan tangy tansholpan tany tari tarihy tarikhy tary tasbaka tasbaqa tattiler tatulik taui
	tauik tauli tauly tazalik tazhiribe tazi teatri tehnologiya tehnologiyalar tekhnologiyalar teledidar
	temirshi tendik tengdik tigin tiin tilegi tilekter tilshi tilshiler tinish tinishtik tirna tobilgi
	toghyzqumalaq togizkumalak toibastar toihana tokima tokimashi tokyma tokymashy topirak toqyma
	toqymashy toybastar toyhana toykhana tsifrlik tsifrlyk tsifrlyq tuganjer tuganzher tughanzher tuigin
	tuigyn tuis tuistar tukim tukym tunggish tuqym turghyn turgin turgyn turistik turlitusti tusi
	tuyghyn tuygyn tynyshtyk tynyshtyq tyrna ulagatti ulagatty ulaghat ulaghatty ulttik ulttiksayabak
	ulttyksayabak ulttyqsayabaq ushkir ushkyr ushqyr ustakhana ustasi ustasy ustazi uyim uyimi uyimiz
	uyirme uyym uyymy volonter volonterler yntymaktastyk yntymaqtastyq zandy zangdar zangdi zangdy
	zanggerler zangi zangy zerde zerdesi zerthanasi zerthanasy zertkhanasy zertteu zertteuler zhagalau
	zhaghalau zhanalygy zhanalyk zhanalyktar zhanga zhangalyghy zhangalyq zhangalyqtar zhangaq zhangbyr
	zhangghaq zharshy zhasampaz zhasospirimder zhastary zhasyldandyru zhasylel zhattyghu zhattyqtyrushy
	zhauqazyn zhazira zhazushylar zhazy zhazyq zhekpezhek zhengis zhengisi zhenisi zheruyyk zheruyyq
	zhetistik zhetistikter zhibekzholy zhidekter zhihaz zhihazdar zhiyn zhobalar zhobasy zhoryk zhoryq
	zhuzimder zhuzimdigi zhuzimdik zhylqylar zhylqyshy zhyrau zhyraular zhyrlar zhyry ziyatker
	ziyatkerlik abadiy adib adolat adolatli advokatura afsona ahborot akhborot alifbo anana ananalar
	ananaviy anor anorzor argumok argumoq asalarichilik askiya atrofmuhit avliyo axborot bagrikenglik
	bahcha bahshi bahtiyor bakhcha bakhshi bakhtiyor barg barkamol baxcha baxshi baxtiyor behi beshiktoy
	bilimdon bino binolar biya bobojon bokschi bolajon bolalarbogchasi bolalik botir botirlar boychechak
	boyogli boyoq buvijon buzok buzoq chaman chamanzor chang chavandozlar chechak cherkov chokki choqqi
	chorva choynak chukur chumchuk chumchuq chuqur damolish dara darahtlar darakhtlar dasturhon
	dasturkhon dasturlash dasturxon davolash dehkonlar diyor donish donishmand donolik doppidoz dorboz
	dori dorivor dostonlar dovon dunyo duradgorlik ekologik ertaklar ezgu ezgulik fahr fahriy fahriylar
	fakhr fakhriy fakhriylar fanlar farovon farovonlik farzand farzandlar fasllar faxr faxriy faxriylar
	fermerlar fikr filmlar fukaro fukarolik fuqaro fuqarolik galaba ganch ganchkor gilamdoz gilamlar
	gisht giyoh giyohchoy giyohlar gulzor guncha gurur habarchi habarlar hadis halk halktabobati halol
	halq halqi halqtabobati hamjamiyat hamjihatlik harakat hattotlik havo havorang haykal haykaltarosh
	hiyobon hofiz hojaligi holva honakoh honaqoh hordik hordiq hotinkizlar hotinqizlar hukuk hukukiy
	huquq huquqiy hurmat hursandchilik ibtido iftihor iftikhor iftixor ihtiro ihtirochi ijodiy ijtimoiy
	ikhtiro ikhtirochi ildiz ilgor imom ingliz innovatsion ipakkurti ipakqurti ipakyoli ishonch issiklik
	issiqlik istedod istedodli istirohatbogi ittifok ittifoq ixtiro ixtirochi jambil jamoasi jarroh
	jarrohlik jayron jismoniy jismoniytarbiya jome kadamjoy kadetkorpusi kadetlar kadriyat kadriyatlar
	kamalak kamolot kandakor karvon karvonsaroy kashfiyot kashtachilik kecha kelajak kelinlar kelinsalom
	khabarchi khabarlar khalk khalki khalktabobati khalq khalqi khalqtabobati khattotlik khiyobon
	khojaligi khonakoh khonaqoh khotinkizlar khotinqizlar khursandchilik kimyo kirgiy kishki kishlogi
	kishlokhojaligi kishlokkhojaligi kishloklar kishlokxojaligi kitobhon kitobkhon kitobxon kizgaldok
	kizikchi kizlar kogirchok kohna koinot kongilli kongillilar konsert konun konuniy konunlar kopkari
	koplon koprik korikhona korikkhona korikxona koshikchi koshiklar kosib kozgu kurash kurslar kushlar
	kutlug kutubhona kutubhonasi kutubkhona kutubkhonasi kutubxona kutubxonasi kuvvat kuylar kuyoshli
	kuzgi lapar latofat lazzat lazzatli loyiha loyihalar makbarasi makom maksad maktabgacha malham
	manaviyat mangu maqbarasi maqom maqsad marifatli mashk mashklar mashq mashqlar maslahat maslahatchi
	mastava matbuot maysa mehmondost mehmondostlik mehr mehrli memor memorchilik mergan meros merosi
	mevali minbar miniatyura misgar misgarlik muborak muhandislik mukaddas muqaddas musaffo musikiy
	musiqiy musobaka musobakalar musobaqa musobaqalar mustahkam musulmon nafis nakkosh nakkoshlik
	nakshlar namuna namunali naqqosh naqqoshlik nashriyot navo navvot nihol nodavlat notarial nuroniy
	nuroniylar obida obidalar obod obodlik oglon oilaviy okish okkush okuv okuvchilar olam olimlar oltin
	oltinrang onajon onayurt oqish oqqush oquv oromgoh oshiyon osimlik osimliklar osmir osmirlar otajon
	otpoygasi ovoz ovozi oydin oyinchok oyinchoq oyinlar oymakor ozbektili pahlavon pahtakor pakhtakor
	parranda parrandachilik paxtakor pichokchi pichoqchi pilla pillachilik piyola poliz polizchilik
	polvonlar porlok porloq poyga qadamjoy qadriyat qadriyatlar qirgiy qishki qishloqhojaligi
	qishloqkhojaligi qishloqxojaligi qizgaldoq qiziqchi qogirchoq qonun qonuniy qonunlar qoplon
	qoriqhona qoriqkhona qoriqxona qoshiqchi qozi qulun quron qush qushlar qutlug quvvat quyoshli
	rakamli rakkos rang ranglar rangli raqamli raqqos rasm rivoj rivojlanish rivoyat robototexnika sabza
	sabzavotlar sadokat sadoqat sahar sahifa sahro salomatlik samo sanatkor saodat savod savodhon
	savodkhon savodxon sayil sayohat sayohatchi sayr sayyoh sayyohlar shafak shafaq shahmatchi
	shakhmatchi sharaf sharkona sharq sharqona sharshara shaxmat shaxmatchi sheriyat shifo shifobahsh
	shifobakhsh shifobaxsh shirinliklar shogird shogirdlar shoira sholi sihat sihatgoh soglik sogliq
	soglom soglomlashtirish subh suvi suzana suzish suzma tabobat tabrik tabriklar tadkikot tadkikotlar
	tadqiqot tadqiqotlar tajriba talimi tanbur tanlov tansik tansiq tantana tarakkiyot taraqqiyot
	tehnikum texnika texnikum texnologiya texnologiyalar tibbiyot tilak tilaklar togli tong tongotar
	toshbaka toshbaqa tovus toyhona toykhona toyxona tozalik tugrukhona tugrukkhona tugrukxona
	tugruqhona tugruqkhona tugruqxona uchrashuv ulok uloq urfodat urug ustahonasi ustakhonasi ustaxonasi
	ustozlar uyjoy uyushmasi uzum uzumchilik uzumzor vafo vatanim volontyor xabar xabarchi xabarlar xalk
	xalki xalktabobati xalq xalqi xalqtabobati xattotlik xiyobon xonakoh xonaqoh xotinkizlar xotinqizlar
	xursandchilik yalla yalpiz yangilik yangiliklar yashillik yaylov yeri yigitlar yilki yilkichi yilqi
	yilqichi yodgorlik yollar yorkin yorqin yorug yozgi yugurish yuksak yurak yurtim zakovat zamin
	zangori zardoz zardozlik zarrin ziyo ziyofat ziyoli ziyoratgoh zukko aalam aari aarichi aarichilik
	aary aarychy aarychylyk adabiyat adilettik adilettuu ajilik ajylyk akilduu akilman akjurok akkalpak
	akkuu akylduu akzhurok anchi anchy angchy anglis ardak arhar arkhar arstan ashkanasi ashkanasy
	ashlyamfu ashpozchu ashuu atchabish atchabysh ayaldar ayil ayilcharba ayildar ayildik ayili
	aylanachoyro aytish aytysh ayyl ayylcharba ayyldar ayyldyk ayyly azhylyk baatir baatirlar baatyr
	baatyrlar bakcha bakchasi bakchasy bakdarak baktiluu baktyluu balabakcha balban balbandar
	baldarbakchasi baldarbakchasy baldari baldary bashat basma basmasi basmasy bayirki bayyrky bekem
	berekeluu beypil bilimduu birikme birikmesi birimdik birtugan bishtak biychi biyi biyler booruker
	boto boyok bozuyu bugu burkutchu buuday byshtak chabalekey chabandes charbasi charbasy chayi
	chaykana chayy cheber cheberchilik cheberler chigarmachilik chirkoo choku chonata chonene chongata
	chongene choor chop chygarmachylyk daam daamduu daami daamy daanishman daanyshman darak darbiz
	darbyz darichop darikana darikanasi darilar dariloo dariya dary darychop daryger darygerler
	darykanasy daryloo dastorkon dastorkonu denetarbiya deniz densooluk diniy diykan diykandar dolboor
	duyno dyykandar eldik emerek enesi erenish esaluu estelik etnoayil etnoayyl gezit gulu iktiyarchi
	iktiyarchilar ilim ilimi ilimiy imarat irakmat irchi irchilar irlar itelgi iyik iyikjay iyman
	iymanduu izildoo izildoochu jamaat jamaati jamaaty jambiatuu jambyatuu jamgir jangagi jangak
	janggagy jangylyktar jani janibar janibarlar janilik janiliktar janybar janybarlar jaran jarandik
	jarandyk jaratilish jaratilishi jaratylysh jaratylyshy jarish jarishtar jarysh jaryshtar jash jashil
	jashilcha jashtari jashtary jashylcha jayit jayloosu jayyt jazuuchu jemish jemishter jengish jenish
	jetishkendik jibekjolu jigach jildiz jildizdar jildizi jilkichi jiluu jiluuluk jolbors joldor jolu
	jolugushuu jomok jomoktor joogazin joogazyn jorgo juzum juzumzar jyldyzdar jyldyzy jylkychy jyluu
	jyluuluk kaadasalt kabar kabarchi kabarchy kabari kabary kapchigay kapchygay karishkir kariyalar
	karyshkyr karyya karyyalar kayin kayyng kechesi kekilik kelechegi kenesh keneshchi kengesh
	kengeshchi kerbensaray kichi kichinekey kilkiyak kirgiztili kirgool kishtoo kitebi kitepkanasi
	kitepkanasy kiyal kiymil kizgilt kizkuumay klubu koguchkon kogultur kolonor kolonorchuluk kolu
	komuzchu konokuy koom koomduk koomu koon koozduk kopolok korgozmo korkom koruk koshuna kosmos koychu
	koyon kozkarandisizdik kozkarandysyzdyk kozu kubanich kubat kubattuu kuch kuchtuu kulja kuluk kulun
	kulzha kumboz kumbozu kunu kuron kurong kuruch kurulush kurulushchu kurulushu kurut kuttuktoo kuttuu
	kuulor kuurchak kuusu kylkyyak kyrgool kyrgyztili kyshtoo kyymyl kyzkuumay lachin lachyn maalimat
	maalymat maarake madaniyaty maek malchi manaschi manaschilar mashiguu mashiktiruuchu mashyguu
	mashyktyruuchu mayramdik mayramdyk mayrami mayramy mechiti meerimduu mekeni meymandos meymankana
	meymankanasi meymankanasy mishik miyzam miyzamdar miyzami momojemish momozhemish munushker muras
	musulman muzoo myyzam myyzamdar myyzamy nariste nurluu nuru obon obonchu ochok okumushtuu
	okumushtuular okurman okutuuchu ondoo ongdoo onor onorpoz onoru onuguu oodarish oorukana oorukanasi
	oorukanasy ordo oromo oruk ospurum osumduk osuu oymochiyme oyunchuk oyundar paloo salamattigi
	salamattik salamattygy salamattyk salburun saltsanaa salttuu sanariptik sanjira sanjyra sanzhyra
	sayakat sayakatchi sayakatchy sayapker sayma saymachi saymachy seyilbak shaan sharkiratma
	sharkyratma shibak shipaa shipaakana shipaaluu shirdagi shirdak shoola shybak shypaa shypaakana
	shypaaluu shyrdagy sinak sporttuk suluu suluuluk surotchu sutu taalay tabip tabyp tajriyba tajryyba
	talaasi talaasy talanttuu tamagi tamakash taranchi taranchy tarbiyachy taryh taryhy taryhyy tarykh
	tarykhy tarykhyy tattuu taygan tazhryyba temirkomuz tiguu tiguuchu tinchtik tish toguzkorgool took
	tooluu tooteke topoz topurak toykana toyu tuboluk tustuu tynch ukugu ukuk ukuktuk ulaktartish
	ulaktartysh ulamish ulamysh ulut uluttuk uluu ungkur unkur ustakana uybulosu uylor uyum uyumu
	yktyyarchy yktyyarchylar yyman yymanduu yyyk yyykjay yyykzhay zergerchilik zhamaat zhamaaty
	zhambyatuu zhangagy zhanggagy zhanggak zhangy zhangylyk zhangylyktar zhanybar zhanybarlar zharan
	zharandyk zharatylysh zharatylyshy zharysh zharyshtar zhash zhashtary zhashylcha zhay zhayloo
	zhayloosu zhayyt zhazuuchu zhemish zhemishter zhengish zhenish zhetishkendik zhibekzholu zholbors
	zholu zholugushuu zhomok zhomoktor zhoogazyn zhorgo zhuzum zhuzumzar zhyldyzy zhylkychy zhyluu
	zhyluuluk zirek zyyarat abide adim agac agaclar ahsap aile ailesi akademi akademisi akilli anaokulu
	anit anne anneanne annem antrenor arastirma ardic aricilik arkadas arkadaslik armut astronomi
	atcilik atletizm atyarisi avci avcilik avukat avukatlik aydinlik ayva baba babaanne babam badem
	bagcilik baglama baglari bahadir bahar bahari bahce bahceler bahcesi baklava balikci basin baslangic
	baykus bebek bebekler beden bedenegitimi bereketli beyaz bilge bilgelik bilgi bilgin bilgisayar
	binicilik birinci bitki bitkicayi bitkisel biyoloji borek bostan boya boyaci bozkir bugday bulus
	bulusma buyukler cagdas cami camii cati cayci cayevi cesaret cesme cesur ceviz cevre cevreci ceylan
	cicek cicekler ciftci ciftlik cinar cini cinicilik cirit cocugu cocuk cocuklar cografya comlek
	comlekci corba dagi daglar damat danisman danismanlik dans davul dayanisma dede delikanli demirci
	deney dergi dergisi derin dernegi dernek ders dershane dersleri destan destani deve dijital dilek
	dili diller disci diyet diyetisyen doga dogal dolma dostluk dugun dunya ebedi ebru eczane edebiyat
	efsane egitim egitimi egzersiz ekmek ekoloji ekolojik elma elsanatlari enstitu etut evliya evren
	evyemekleri fidan fikir filmleri firin firini fistik fizik galeri gazete gazetesi gaziler gece
	gecesi gelecek gelenek gelenekler geleneksel gelin gelisim genc gencler genclik geyik gezgin gezi
	gokkusagi gokyuzu golu gonullu gonulluler gorenek gozleme guclu gumus gundem gunes gunesi gures
	guresci guvercin guzel guzellik haber haberler haberleri hali halicilik halkdanslari halkoyunlari
	hamam hareket harika hastane hastanesi hattat hava hayal hayvan hayvancilik hayvanlar hedef hekim
	helal helva hemsire heykel hosgoru hukukcu huzur huzurlu ilkbahar ilkokul incir inek insaat insan
	insanlik ipekyolu irmak isigi isik iyilik jimnastik kadim kadin kadinlar kahraman kahramanlar kahve
	kahvehane kahverengi kahvesi kainat kalkinma kalp kamp kampi kanun kapi kaplan kaplica karanfil
	kardes kardesler kardeslik karpuz kartal kavak kavun kayisi kebap kebapci keci kedi kelebek kemence
	kervan kervansaray kilim kilise kimya kiraz kirlangic kirmizi kitaplar kiyi klinigi klinik kofte
	kolej koleji komsu konser konuk konukevi kooperatif kopek kopru koro korosu kosu kovan koylu koyu
	koyun kres kucuk kugu kultur kulturel kulubu kulup kurban kursu kuslar kutlama kutlu kutsal
	kutuphane kutuphanesi kuyumcu laboratuvar lacivert lahmacun lale leylek lezzet lezzetleri lise
	lisesi lokanta lokantasi lokum magara mahalle mahkeme marangoz marangozluk masaj masal masallar
	matematik mavi medya menekse mermer mescit mese mevsim mevsimler meyve meyveler millet milli
	millipark mimar mimarlik minyatur misafir misafirhane mobilya mubarek muhabir muhendis muhendislik
	musluman mutfagi mutfak mutlu mutluluk muze muzesi muzigi muzik nazik nehir nergis nese neseli nesil
	nevruz nikah noter noterlik oglan ogrenci ogrenciler ogretim ogretmen ogretmenler ogul okcu okculuk
	okul okullar okulu okuma okur olimpiyat onur orkestra orkestrasi ortaokul oruc oteli oymacilik
	oyuncak oyunlar ozgur ozgurluk pamuk pansiyon papatya parlak pars pastane pedagoji pehlivan pembe
	pencere peynir pide pilav pinar pirinc plaj proje projeler radyo radyosu rehberlik renk renkler
	renkli resim ressam robotik ruzgar saadet sabah sadakat safak saglam saglik saglikli sahil sahin
	sahne sair sairler sampiyon sampiyonluk sanatci sanatlari sarki sarkici satranc saygi sebze sebzeler
	seftali seher selale sendika senligi senlik seramik serce sergi sesi sevinc seyahat sicak sifa
	sifahane sifali simit sinema siyah sofra sofrasi sogut solen sonbahar sosyal spor stadyum sumbul
	sutcu tadilat takim tamirci tarim tarimsal tarla tasarim tatil tatli tatlici tavsan tavuk tavus
	tebrik teknik teknoloji televizyon temiz temizlik terapi termal terzi terzihane tezhip tibbi tilki
	tiyatro tiyatrosu tohum toplulugu topluluk toplum toplumsal toprak torun tugla turbe turbesi turku
	turkuaz turuncu universite universitesi uzay uzumculuk vadi vadisi vatandas vefa yabancidil yagmur
	yapi yapilari yaprak yarisma yarismasi yaslilar yayin yayinevi yayinlari yayla yaylasi yazar
	yazarlar yazilim yemek yemekleri yeni yesillik yetenek yildiz yildizi yildizlar yuce yuksek yuzme
	zafer zambak zanaat zanaatkar zarif zeka zirve ziyaret ziyaretgah zurna
`)
