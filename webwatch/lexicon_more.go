package webwatch

// moreWords are ordinary words of the names of honest businesses,
// organisations, media, events and places of the region: trades, food,
// health, schools, culture, sport, tourism, nature, family, civic life,
// everyday and abstract nouns with their possessive and plural forms, and
// the short words and pieces names are made of (tur, dan, stom, fito), in
// Russian, English, Kazakh, Uzbek, Kyrgyz and Turkish, in the Latin
// spellings people type.
// Written on 2026-12-04 from knowledge of the languages by four writers
// who had seen none of the test sets nor the scorer, told to leave out
// every word of money, logins, help, prizes, delivery, jobs and tickets,
// brands' and places' names; the words the other lists hold were taken
// out. They are looked up as whole pieces and as stems of inflected ones,
// beside a brand only: they do not cut glued names (the word tries keep
// the shorter lists), do not decide that a token is a word rather than a
// typo, and have no spelling keys (their writers listed the spellings).
var moreWords = words(`
	advokatskaya advokatskie advokatskii advokatskiy advokatskoe aerobika agrar agrarnoe agrarnye
	agrarnyi agrokompleks akademia akademii akkordeon akupunktura akustica akusticheskaya akusticheskie
	akusticheskii akusticheskiy akusticheskoe akustika akvarium allergolog almaz alpinist analitika
	analizi angliyskie angliyskii angliyskoe animatori animatory arbitraj arbitrazh arheologia
	arheologiya arhitektor arhitektory arhitektura arhitekturnaya arhitekturnoe arhitekturnye
	arhitekturnyi arhitekturnyy arhiv arhivy arifmetika arkheologia arkhitekturnaya arkhitekturnoe
	arkhitekturnye arkhitekturnyi arkhitekturnyy arkhivy aromat aromaterapevt aromaterapia aromaterapiya
	aromaty associacia associaciya assotsiatsia astronomia astronomiya atelie atelye atletika avia
	avtomaster avtomasterskaya avtomatizacia avtomatizaciya avtomatizatsia avtomatizatsiya avtomoika
	avtomojka avtopokraska avtosport avtotehnika avtotekhnika azbuka babochka balansirovka balet
	baletnoe baletnye baletnyi baletnyy bania baraban barabany bashnia bashnya bassein basseyny baursaki
	bazaotdyha bazaotdykha begun beguny belka beloe belyashi belye berezy beshbarmak biblioteki bilyard
	biologia biotehnologii biotekhnologii blinchiki blini bloger blogi blyuda bolnica bor borcy borets
	borsch borsh borshch bortsy botanika bouling bratia briz brovi bruschatka buduschee budushchee
	budushee buketi bukvar bulka bulochki bulochnaya bulon burgery buro bytovoe bytovoi byuro
	centralnaya centralnoe centralnye centralnyi centralnyy chaihana chaikhana chainaya chaj chajkhana
	chakchak chasovschik chasovshik chaya chayhana cheburechnaya chebureki chempion chempiony cherepaha
	cherepakha cherepica chereshnia chernika chernoe chernye chistim chistiy chistka chistki chistota
	chistyi chistyj chitaem chtenie cifrovaya cifrovoe cifrovoi cifrovoy cifrovye cirk cveti cvetochki
	cvetochnaya cvetochnoe cvetochnye cvetochnyi cvetochnyy cvetok cvetov cyplyata dachi dannye dantist
	dekor delfin demontaj denrojdenia denrojdeniya denrozhdenia denrozhdeniya depilyacia depilyaciya
	depilyatsia depilyatsiya deratizacia deratizaciya deratizatsia deratizatsiya derevia derevnia
	dermatolog dermatologia dermatologiya deserti deserty det detei detej detiam detishki detki detok
	detskaia detskii detskiisad detskij detskiysad detyam dezinfekcia dezinfekciya dezinfektsia
	dezinfektsiya dezinsekcia dezinsekciya dezinsektsia dezinsektsiya dialog dietolog dietologia
	dietologiya dirijer dirizher dizain dizajn dizaynerskaya dizaynerskie dizaynerskii dizaynerskiy
	dizaynerskoe djaz djem dlia dlya dlyadetei dlyadetey dobriy dobroe dobrota dobrye dobryi dobryj
	dogovor dogovory dojd doktora domashnii domashnij dombra domov drujba drujim druzhim druzia duby
	duhi dukhi dvijenie dvorik dymohod dymokhod dynia dzhaz dzhem dziudo dzudo edem ejik ekho eko
	ekologia ekologicheskie ekologicheskii ekologicheskoe ekologiya ekotropa ekskursia ekskursii
	ekskursovod eksperiment eksperimenty ekzamen ekzameny elektro elektromontaj elektronika elka
	endokrinolog energia energiya energo epilyacia epilyaciya epilyatsia epilyatsiya etnicheskaya
	etnicheskie etnicheskii etnicheskiy etnicheskoe etno evakuatory evropeyskie evropeyskii evropeyskoe
	ezda ezhik farma farmacia farmaciya farmatsia fasadi fasady feierverk fermerskaya fermerskie
	fermerskii fermy festivali festivalia festivalya feyerverk filarmonia filmy filosofia filosofiya
	fitnesklub fito fitobar fitoteka fitoterapia fitoterapiya fizioterapia fizioterapiya fokus folklor
	fotoatele fotografia fotografii fotografiya fotografy fotosemka fotosessia fotosessiya fotostudia
	fotostudii fotosyomka francuzskaya francuzskie francuzskii francuzskiy francuzskoe frantsuzskie
	frantsuzskii frantsuzskoe frukti futbolnoe futbolnye futbolnyi galerei galereia galokamera gandbol
	garmon garmonia garmoniya garmoshka gastronomia gastronomiya gazon gazony genetika geodezia
	geodeziya geografia geologia geologiya gid gidy gimnazia ginekologia ginekologiya gitara gitary
	glemping gnezdo gnezdyshko golos goluboi golubye goncharnaya gori gorizont gornoe gornye gornyi
	gorodskoi gorojane gorozhane goryachaya goryachee goryachie goryachii goryachiy gospital gostevaya
	gostevoe gostevoi gostevoy gostevoydom gostevye gostinica gostinicy gostinitsy gotovim grajdane
	grajdanskaya grajdanskie grajdanskii grajdanskiy grajdanskoe grammatika gramota gramotnost granit
	gravirovka grazhdanskaya grazhdanskie grazhdanskii grazhdanskoe greblia greblya griby gril groza
	gruming gruppa gruzchiki gruzinskaya gruzinskie gruzinskii gruzinskiy gruzinskoe guliaem gulyaem
	hakaton hakatony him himchistka himchistki himia himiya hirurgia hirurgiya hleb hleba hlebnaya
	hlebnica hlebnitsa hlebnoe hlebnye hlebnyi hlebnyy hlebozavod hokkey holm holmy hora horeografia
	horeograficheskaya horeograficheskie horeograficheskii horeograficheskiy horeograficheskoe
	horeografiya horovaya horovoe horovoi horovoy horovye hory hozyaistvo hozyayka hozyaystvo hronika
	hroniki hudojestvennaya hudojestvennoe hudojestvennye hudojestvennyi hudojestvennyy hudojnik
	hudojniki hudozhestvennaya hudozhestvennoe hudozhestvennye hudozhestvennyi hudozhestvennyy hudozhnik
	hudozhniki iagodi iagody idei ideya iglorefleksoterapia iglorefleksoterapiya igraem igri igroteka
	igrovoe igrovoi igrovye igrushek implantacia implantaciya implantatsia implantatsiya implanty
	iniciativa iniciativy initsiativa initsiativy injenernaya injenernoe injenernye injenernyi
	injenernyy injenery injiniring inklyuzia inklyuziya innovacii innovacionnaya innovacionnoe
	innovacionnye innovacionnyi innovacionnyy innovatsionnaya innovatsionnoe innovatsionnye
	innovatsionnyi instrumenti interery interier inzhenernaya inzhenernoe inzhenernye inzhenernyi
	inzhenernyy inzhiniring ioga ispolnim issledovania issledovaniya issledovatelskie issledovatelskii
	issledovatelskoe istoria istoricheskie istoricheskii italyanskie italyanskii italyanskoe iurist
	ivent iventy izolyacia izolyaciya izolyatsia izolyatsiya izostudia izostudiya izumrudnaya izumrudnoe
	izumrudnye izumrudnyi izyum jalyuzi jeltaya jeltoe jeltye jeltyi jeltyy jemchug jemchujina jena
	jenschiny jenshchiny jenskaya jenskie jenskii jenskiy jenskoe jile jilye jit jiteli jivem jivopis
	jivotnovodstvo jivotnye jizn joga juravl juravli kadet kadetskaya kadetskie kadetskii kadetskiy
	kadetskoe kadety kalligrafia kalligrafiya kamernaya kamernoe kamernye kamernyi kamernyy kaminy kamni
	kampus kanalizacia kanalizaciya kanalizatsia kanaly kanikuly kanon kapelka karavan kardiologia
	kardiologiya karnaval kartina kartini kartiny kasha katok kedr kejtering kemping keramicheskaya
	keramicheskie keramicheskii keramicheskoe keytering khakaton khakatony khalva khammam khim
	khimchistki khimia khirurgia khirurgiya khleba khlebnica khlebnitsa khlebnoe khlebnye khlebnyi khora
	khoreografia khoreograficheskaya khoreograficheskie khoreograficheskii khoreograficheskiy
	khoreograficheskoe khorovaya khorovoe khorovoi khorovoy khorovye khory khostel khoziaystvo
	khozyaistvo khronika khroniki khudojestvennaya khudojestvennoe khudojestvennye khudojestvennyi
	khudojestvennyy khudojnik khudojniki khudozhestvennoe khudozhestvennye khudozhestvennyi khudozhniki
	kibersport kikboksing kinostudia kinozal kitayskie kitayskii kitayskoe klassika kliniki klining
	kliningovaya kliningovoe kliningovye kliningovyi kliningovyy klub klubnika klyuchi knijki knijnaya
	knijnoe knijnye knijnyi knijnyy knizhki knizhniy knizhnoe knizhnye knizhnyi kochevnik kochevniki
	kofeini kofeinia kofejnya kofeyni kofeynia kokteil kokteyl kokteyli kolledja kolodcy kolodets kompas
	kompiuteri kompiutery kompleks kompot kompyuter kompyuteri kompyuternaya kompyuternoe kompyuternye
	kompyuternyi kompyuternyy kompyutery koncert koncerty kondicioner kondicioneri kondicionery
	konditerskaia konditerskie konditerskii konditerskiy konditerskoe konditery konditsioneri
	konevodstvo konfeti konniy konnoe konnye konnyi konnyj konsalt konsalting konservatoria
	konservatoriya konsultacia konsultacii konsultaciya konsultatsia konsultatsii konsultatsiya kontora
	kontserty konyushnia konyushnya koreyskie koreyskii koreyskoe korpus kosmetologia kosmicheskaya
	kosmicheskie kosmicheskii kosmicheskiy kosmicheskoe kosmos kostiumi kostiumy kostyumi kostyumy kot
	kotlety kotli kottedj kottedji kottedzh kottedzhi koty kotyata kovka kraevedenie krasim krasivaia
	krasnoe krasnye kristall krovelnaya krovelnoe krovelnyi krovelschik krovelshik krovli krovlia krujok
	kruzhok kryshi kuhni kuhnia kuhnya kuirdak kukhnia kukly kukolnaya kukolnoe kukolnye kukolnyi
	kukolnyy kulinaria kulinarnoe kulinarnye kulinarnyi kulturnyi kurica kurorty kursi kuyrdak kuznica
	kuznitsa kvartet kvarteta kvintet laboratoria lageria lagerya landshaft landshaftnaya landshaftnoe
	landshaftnye landshaftnyi lechim legenda legendy legkayaatletika lepka lesnoe lesnoi lesnye lestnica
	lestnicy lestnitsa lestnitsy letim letnee letnie letnii licei licey liga lilia lilii liliya
	lingvistika lisenok listia listok listya literaturnaya literaturnoe literaturnye literaturnyi
	literaturnyy litsej liubim logistika logopedia logopediya logopedy lotos lubov luchniki lug luga
	lyji lyjnaya lyjnoe lyjnye lyjnyi lyjnyy lyubim lyzhi lyzhnoe lyzhnye lyzhnyi mak maki malina malish
	malishey malishi malyary malyshei malyshej malyshey mamochka mangal manikiur manikur manualnaya
	manualnoe manualnye manualnyi manualnyy marafon marshrut marshruty marta maslenica maslenitsa massaj
	massajist massajistka massajnaya massajnoe massajnye massajnyi massajnyy massazhistka massazhnaya
	massazhnoe massazhnye massazhnyi masterim masterok masterov masterskaia masterskie masterskih
	masterskikh materiali mayak mebelnoe mebelnye mebelnyi mechtu meda medcentr mediacia mediaciya
	mediateka mediatsia mediatsiya medicina medicinskaya medicinskie medicinskii medicinskiy medicinskoe
	meditacia meditaciya meditatsia meditatsiya meditsinskii meditsinskij medlab medok medovaya medovoe
	medovye medovyi medovyy medvejonok medvezhonok mejdunarodnaya mejdunarodnoe mejdunarodnye
	mejdunarodnyi mejdunarodnyy melnica melnitsa melodia melodii melodiya meropriyatia meropriyatie
	meropriyatiya metallocherepica metallocherepitsa mezhdunarodnoe mezhdunarodnye mezhdunarodnyi
	miasnoy miaso mindal mitap mitapy mnenia mnenie mneniya modniy modnyi modnyj modnyy moem moika mojem
	mojjevelnik mojka molochniy molochnoe molochnyi molochnyj molodej molodejnaya molodejnoe molodejnye
	molodejnyi molodejnyy molodezhnaya molodezhnoe molodezhnye molodezhnyi molodoi montaj moria
	morojenoe moroz morskie morskoe morskoi morya mozhem mozhzhevelnik mramor mujchiny mujnachas
	mujskaya mujskie mujskoe mujskoi mujskoy muzeia muzej muzhnachas muzhskaya muzhskie muzhskoe
	muzhskoi muzhskoy muzika muzikalniy muzykalnye muzykalnyi muzykalnyj muzykanty myasnoe myasnoi
	myasnoj nadejda narodniy narodnyi narodnyj nasledia naslediya nasosi nauchnoe nauchnye nauchnyi
	nauki navruz nedelia nemetskie nemetskii nemetskoe nevesta nevrologia nevrologiya nogti notarialnaya
	notarialnoe notarialnye notarialnyi notarialnyy noutbuki noviy novogodnee novogodnie novogodnii
	novogodnyaya novostey novostnaya novostnoe novostnoi novostnoy novostnye novye novyigod novyj
	novyygod nutriciolog nutritsiolog oblaka oblako oborudovanie obozrenia obozrenie obozreniya
	obrazovatelnye obrazovatelnyi obschejitie obschestvennaya obschestvennoe obschestvennye
	obschestvennyi obschestvennyy obschestvo obschezhitie observatoria observatoriya obshchejitie
	obshchestvennoe obshchestvennyi obshchezhitie obshestvennaya obshestvennoe obshestvennye
	obshestvennyi obshestvennyy obshestvo obshezhitie obzor obzory ochag odejda oformlenie oftalmolog
	oftalmologia oftalmologiya ograjdenia ograjdeniya ograzhdenia ograzhdeniya ohota okean okon okroshka
	oladi oladushki olimpiady optik oranjevaya oranjevoe oranjevye oranjevyi oranjevyy oranzhevoe
	oranzhevye oranzhevyi oreh orehi orhideya orkestra orkestry orkhideya ortodont ortodontia
	ortodontiya ortoped osennee osennie osennii osteklenie osteopat osteopatia osteopatiya osveschenie
	osveshenie otdih otdihaem otdikh otdikhaem otdyh otdyhaem otdykhaem oteli otkrytia otkrytie
	otkrytiya otpusk ovcy ovoschi ovoshi ozdorovitelnoe ozdorovitelnye ozdorovitelnyi ozdorovlenie ozer
	pahlava pakhlava palatka palatki pamiat pamyat parfyum parfyumeria parikmaher parikmaherskaia
	parikmaherskaya parikmahery parikmakherskaia parikmakhery partnerstvo parus parusa pasechnik paseka
	patrioty pchela pcheli pchelka pchely pechat pechati pechem pechi pedagogicheskie pedagogicheskii
	pedagogicheskoe pedagogika pediatria pediatriya pedikiur pedikur pejntbol pekarni pekarnia penie
	pereezd pereezdy pererabotka peretyajka peretyazhka pereval perevodchik perevodchiki perevozka
	peschera peshchera peshera pesik pesnia pevcy pevica pevtsy peyntbol pianino picca piccerija piknik
	pilates pilomateriali pirog pirojki pisateli pischa pisha pishcha pishem pisma pitanie pitomci
	pitomcy pitomets pitomnik pitomtsi pitomtsy pitsa pitseria pitseriya pitstseria pivnaya pivovar
	pivovarnia pivovarnya planetariy plani plany plavaem plitochnik plombir ploschad ploschadka ploshad
	ploshadka ploshchadka plotniki plovy plyaj plyaji plyazhi plyus pochemuchka podgotovka podkast
	podkasty podrostki podsolnuh podsolnukh poeticheskaya poeticheskie poeticheskii poeticheskiy
	poeticheskoe poety poezia pohod pohodi pohody pojilye pokhodi pokhody pokolenia pokolenie pokoleniya
	polden poli polia poligraf poligrafia poligraficheskaya poligraficheskie poligraficheskii
	poligraficheskiy poligraficheskoe poligrafiya polimery polya polyana ponchiki popugay portniha
	portnoi poshiv poshiva poslovicy poslovitsy potolok pozhilye prachechnaia prachechnaya prachechnye
	prava pravo pravosudie pravovaya pravovoe pravovoi pravovoy pravovye prazdnichnoe prazdnichnye
	prazdnichnyi prazdnika pressa pricheska pricheski prirodnye prirodnyi priyut probejka probezhka
	proektnoe proektnye proektnyi proekty programma programmisty programmy pshenica pshenitsa psiho
	psihologi psihologia psihologicheskaya psihologicheskie psihologicheskii psihologicheskiy
	psihologicheskoe psihoterapevt psihoterapia psihoterapiya psikho psikhologi psikhologia
	psikhologicheskaya psikhologicheskie psikhologicheskii psikhologicheskiy psikhologicheskoe
	psikhoterapevt psikhoterapia psikhoterapiya ptica pticefabrika pticevodstvo pticy ptitsevodstvo puls
	pustynia puteshestvennik puteshestvia puteshestviya puteshestvuem rai rasskazy rassvet rastem
	rastenia rasteniya rastim rastyajka rastyazhka ravenstvo ray razrabotchik razrabotchiki razrabotka
	razvivaem razvivayuschaya razvivayuschee razvivayuschie razvivayuschii razvivayuschiy razvivayushaya
	razvivayushchee razvivayushchie razvivayushchii razvivayushee razvivayushie razvivayushii
	razvivayushiy reabilitacia reabilitaciya reabilitatsia rebiata rebyata recept recepty redakcia
	redakciya redaktsia remesla remeslennaya remeslennoe remeslennye remeslennyi remeslennyy remeslo
	remonta remontik remontnaia remontnik remontnoe remontnyi remontov remonty remstroy repetitorstvo
	repetitory reportaj reportazh reshenia resheniya resnici resnicy resnitsi resnitsy restorana
	restorany retsepty rezina riba ribalka risuem risunok ritm ritmy ritorika roboti robototehnika
	roboty rodnoe rodnoi rodnye rojdestvo romashki rosha roshcha rozhdestvo rozovoe rozovye rozovyi ruki
	russkie russkii russkoe rybhoz rybka rybkhoz rybnye rybnyi sadi sadik sadiki sadovod sadovoe sadovyi
	sajaem sajency sajentsy sajt salat salaty salony salyut samsy sanatorij santeh santehnicheskaya
	santehnicheskie santehnicheskii santehnicheskiy santehnicheskoe santehniki santekh santekhnicheskaya
	santekhnicheskie santekhnicheskii santekhnicheskiy santekhnicheskoe santekhniki sauny saygak sayt
	sayty sazhaem sazhency sazhentsi sazhentsy scena schenki schenok sdelaem selhoz selskii semeinyi
	semejnyj semeyniy semeynye semeynyi semia seroe serye seryi seti severnoe severnye severnyi shahmati
	shahmatist shahmatnaya shahmatnoe shahmatnye shahmatnyi shahmatnyy shahmaty shakhmati shakhmatist
	shakhmatnoe shakhmatnye shakhmatnyi shari sharik shariki shary shashki shchenki shedevr shem shenki
	shenok shini shinomontaj shinomontaja shinomontajka shinomontazha shinomontazhka shite shitye
	shkafykupe shkoli shkolnyi shodrazval shokoladnaya shokoladnica shokoladnitsa shokoladnoe
	shokoladnye shokoladnyi shtukaturka shvei shveinaya shvejnaya shveynaia shveynye shveynyi
	simfonicheskaya simfonicheskie simfonicheskii simfonicheskiy simfonicheskoe sinee sinie sir siri
	sistema skalodrom skalolazanie skhodrazval sklad sklady skorochtenie skripka skvajina skvajini
	skvajiny skvazhina skvazhini sladkie sladkii sladkoe sluh slukh smuzi snejok snezhok sobytia sobytie
	sobytiya sociologia sociologiya soki solarii solnce solnechnye solnechnyi solnishko solyanka
	solyarii sotrudnichestvo sotsiologia sotsiologiya sozdaem spalnia specii speleoterapia
	speleoterapiya spetstehnika sporta sportivniy sportivnyi sportivnyj spravedlivost stacionar stal
	stanki startap startapy statsionar steik stekla steklo stepnoe stepnoi stepnye steyk stihi stikhi
	stil stirka stoliar stoliarka stolovaia stolovye stolyarka stom stomat stomatologi stomatologia
	stomatologicheskie stomatologicheskii stomatologicheskoe stomlab strannik strelba strelkovaya
	strelkovoe strelkovye strelkovyi strijka strijki strizhka strizhki stroika stroim stroimaterialy
	stroit stroitelnyi stroj strojka strojmaterialy stroymateriali stsena studia studii styajka styazhka
	sudy suhofrukti suhofrukty sukhofrukti sup supy svadby svadebnaya svadebniy svadebnoe svadebnye
	svadebnyi svadebnyj svadebnyy svarschik svarshik svejaya svejee svejie svejii svejiy svetliy svetlyi
	svetlyj svezhie svezhii syr syrniki syrovarnia syrovarnya talanti talanty tamada tancev tancevalnaya
	tancevalnoe tancevalnye tancevalnyi tancevalnyy tanci tancuem tancy tandyr tanec tantsev
	tantsevalnoe tantsevalnye tantsevalnyi tantsi tantsuem teatralnoe teatralnye teatralnyi teatri teh
	tehnicheskaya tehnicheskie tehnicheskii tehnicheskiy tehnicheskoe tehno tehnologia tehnologicheskaya
	tehnologicheskie tehnologicheskii tehnologicheskiy tehnologicheskoe tehnologii tehnologiya tehnopark
	tekh tekhnicheskaya tekhnicheskie tekhnicheskii tekhnicheskoe tekhno tekhnologia tekhnologicheskaya
	tekhnologicheskie tekhnologicheskii tekhnologicheskoe telefonov telefony televidenie tema temy
	teplica teplicy teplitsa tepliy teplyi teplyj teremok tipografia tipografii tira tiry tolerantnost
	tomografia tomografiya tonirovka torjestva torjestvo torti tortik tortiki torzhestva tradicia
	tradicii tradiciya traditsia traditsiya transportnaya transportnoe transportnye transportnyi
	transportnyy travy trenery trenirovka trenirovki tribuna tropa tropinka tsentralnye tsentralnyi
	tsifrovaya tsifrovoe tsifrovoi tsifrovoy tsifrovye tsveti tsvetochki tsvetochniy tsvetochnoe
	tsvetochnye tsvetochnyi tsvetov tsyplyata tucha tur turagentstvo turbaza turetskie turetskii
	turetskoe turfirma turist turisticheskie turisticheskii turisticheskoe turisty turoperator turov
	turs tvorcheskie tvorcheskii tvorim tyulpan uborki uchebnik uchebniki uchebniy uchebnyi uchebnyj
	uchim uchimsia uchimsya uchitelia uchitsia uchitsya udobrenia ugolok uhod uiut uiutnyy ujin ujiny
	ukhod ukrashenia uley ulia ulibaemsia ulibaemsya ulibka ulibki ulica ulya ulybaemsia ulybaemsya
	ulybka ulybki umeem umelcy umelets umeltsy umka umnica umnichka umniki umnitsa umnoe umnye umnyi
	upakovka urojai urojay urok uroki urolog urologia urologiya urozhai urozhaj uschele ushele uteplenie
	utka utrennee utrennie utrennii utrenniy utrennyaya uyut uyutniy uyutnoe uyutnye uyutnyi uzhiny
	varene vareniki varenye vdohnovenie vdokhnovenie vecherinka vecherinki vechernee vechernie vechernii
	vecherniy vechernyaya veduschaya veduschii veduschij veduschiy vedushaya vedushchaya vedushchiy
	vedushiy velo ventilyacia ventilyaciya ventilyatsia vershina vershiny vesele veselo vesennee
	vesennie vesennii veteranov veterinaria veterinariya veterinarnoe veterinarnye veterinarnyi viajem
	viazanie viazhem videograf videosemka videostudia videostudiya videosyomka vina vinodelie vinodelnia
	vinodelnya vinogradnaya vinogradnik vinogradniki vinogradnoe vinogradnye vinogradnyi vinogradnyy
	vinoteka vipechka vishivka vishnia vistavka vitaminy vkusniashki vkusniy vkusnoe vkusnyashki vkusnye
	vkusnyi vkusnyj vodopady vodosnabjenie vokalnoe vokalnye vokalnyi vokalnyy volna volny volonter
	volonterskaya volonterskie volonterskii volonterskiy volonterskoe volonterstvo volontery volshebnoe
	volshebnye volshebnyi volshebstvo vostochnyi vozduh vozdukh vunderkind vunderkindy vyajem vyazanie
	vyazhem vyshivka vyshivki vystavki vyveska vyveski vzglyad yablonia yablonya yachmen yagoda yagodi
	yakor yantar yaponskie yaponskii yaponskoe yastreb yazyki yazykov yazykovoe yazykovoi yazykovye
	yolka yubilei yujnaya yujnoe yujnye yujnyi yujnyy yunaya yunoe yunost yunye yunyi yunyy
	yuridicheskie yuridicheskii yuridicheskoe yurta yurty yuvelirnoe yuvelirnyi yuveliry yuzhnoe yuzhnye
	yuzhnyi zagadki zakat zaly zamki zanyatia zanyatiya zapadnoe zapadnye zapadnyi zaria zarya zaryadka
	zaychik zdorovia zdorovie zdoroviy zdorovyi zdorovyj zelen zemlia zheltoe zheltye zheltyi zhemchug
	zhemchuzhina zhenschiny zhenshiny zhenskaya zhenskie zhenskii zhenskiy zhenskoe zhile zhit zhivem
	zhivotnye zimnee zimnie zimnii znaem znaika znajka znania znanie znaniya znayka zoologia zoologiya
	zootovari zrenie zubi zubnoi zubnoj zveri zvezdi zvuk zvuki zvukozapis academia accessibility
	accessible accordion acoustic acoustics acrobatics acupuncture adventures advocacy advocate
	advocates aero aerobics agrarian agri agricultural agritech agronomist agronomy agrotech agrotourism
	airconditioning algorithm algorithms alignment allergy alphabet alpine alpinism alteration
	alterations amber amethyst analytics anchor anglers animals animator anthropology apartments
	apiaries apiary apothecary apples apricots aqua aquaculture aquatics arbitration arborist
	archaeology archives aroma aromas aromatherapy artists asian associations astronomy atelier athletes
	attorney attorneys audiology aurora automation autorepair autumnal ayurveda azure babies babysitter
	babysitting bachelor backend backpacker backpackers bagel bagels baguette bake bakehouse bakers
	baking baklava balloons ballroom bands banners banquet banquets barbecue barbers barista baristas
	barley barre barrister bears beaver beekeeper beekeepers beekeeping beer beers bees beige berries
	bespoke biathlon bikes billboards billiards biochemistry biology biotech birch birdlife birds
	birdwatching birthdays biryani biscuits bits blacksmith blinds blogger bloggers blogs blooming
	blossoms blueberry blues bodybuilding bodycare bodywork boiler boilers bonfire bookbinding bootcamp
	botany bouldering boulevard bouquet bouquets bowling boxer boys braces brains brainy branding brass
	breads breakdance breathing breweries brewpub bricklayer bricks bridal bride brightness broadcasting
	bronze brook brothers brow brows brunch brushes buckwheat buildings bulletin bun bunny buns burgers
	burrito butterflies byte bytes cabaret cabin cabins cabs cadet cadets cafeteria cakes calisthenics
	calligrapher calligraphy campfire campground camps campsite candies canoe canteen canyons cappuccino
	caramel cardiologist carnival carpenters cartoon carwash cats caves cedar celebrate celebration
	celebrations cello ceremonies ceremony chairs chalet champions channel channels chauffeur checkers
	cheerleading cheesecake cheesemaker cheesemaking cheeses chefs cherries chickens childcare childhood
	chimney chinese chiropractic chocolatier choirs choral chorale choreography christmas chronicle
	chronicles cider cidery cinemas cinematheque citizens citizenship civic civics classes classical
	classics classroom cleaners cleanup climbers clocks clothes clouds clubs cobbler cocktail cocktails
	cocoa coding coffeehouse collective colors column columnist comfort comfy commons compass composer
	composers compost compute computers computing concrete conditioners conductor confectioner
	conferences conservation conservatory consultancy consultant contemporary contractor contractors
	contracts cookies cooking cooks cooperation copper coral cosmetic cosmetologist cosmetology cosmos
	cosy cottages counsel counseling counselling courtyard cousins coworking cozy craftsman
	craftsmanship craftsmen crane cranes creativity creek crepes crimson croissant croissants crossfit
	cuisines culinary cupcakes cure curry cyan cyclists dads daisy dancers dances dancing darts dataset
	dawn daylight dean debate debates decoration decorations decorator decorators delicious demolition
	denta dermatologist dermatology deserts designs desserts detailing devs diagnostic dialogue diaspora
	diet dietitian digest diner disability discovery disinfection divers diving documentaries
	documentary doggy dogs dojo dolls dolphins donuts drainage dressmaker dressmaking driving drones
	drummer drums drycleaning drywall dumpling dune dunes dusk eagles easter eatery echo eclairs
	ecological ecotour ecotourism edelweiss editorial editors educational educator educators eggs
	eldercare electricians electrics electro eloquence embroiderers endocrinology engagement engraving
	environment environmental epic epilation equality equinox erudite esports espresso european exams
	excavation excavator excursion excursions exhibition exhibitions expeditions experiments expert
	experts explore explorer explorers eyebrows eyecare eyeglasses eyewear facade facades facial facials
	faculties fairy fairytale falafel falconer falconry falcons farmhouse farmstead fatherhood fathers
	feast felting fencer fencers fences festive festivities fields fiesta fighters fighting fireplace
	fireplaces fireworks fisheries fishery fit fix flamenco flavor flavour floristry flute foal folklore
	foodie foods forests forge forums forwarding foxes fragrances frames freestyle freight french
	freshness friends friendship frontend fullstack gadgets gala galleries gamedev garages gardener
	gardeners gardening gastro gastronomy gastropub gates gazelle gazette geek geeks gelato generations
	genetics genius geo geodesy georgian getaway gingerbread girls glamping glazier glazing glow goats
	goodwill gorge gourmet graduate graduation grammar grandma grandpa granite granny granola grapes
	greenery grillhouse groomer grove growth guesthouse guesthouses guided guides guitarist guitars
	gynecologist gynecology hackathon hackathons haircut haircuts hairstyle hairstylist halls
	halotherapy halva hammam hamster handball handicraft handicrafts handyman happiness harp harvests
	hatchery haulage hawk hayfield headlines healing healthcare healthy hearth hedgehog hen hens herald
	herb herbal highland hikers hills hiphop hive hives holidays homeland homely homemade homeopathy
	homeschool homestay homestead honeybee honeycomb honeymoon horizons horseman hospitality hostels
	hotdog hotels hothouse household housekeeper housekeeping houses housewarming hubs hummus hut
	hydrology icecream icerink ideas illustration illustrator imagination implants improv inclusion
	inclusive incubator indigo initiative initiatives insight insights inspiration insulation
	integration interpreter interview interviews ironing ironwork islands italian ivory jade jam jams
	japanese javascript jazz jewel jeweler jeweller joiner journalism journalists journals journeys
	juicebar juniors juniper jurist jurists karting kayak kayaking kebabs kennels khaki kickboxing
	kindergartens kindness kitten kittens knitwear kombucha korean kosher labels lagoon lamb lambs
	laminate landscapes laptops laser lasertag lash lashes latte laundromat laundry lavender lawns
	lawyers lecturer lectures legends lemonade lemonades lens lenses leopard libraries lifestyle lifting
	lilac lilies lingua linguistics lions literacy litigation livingroom loaf locks locksmith lodges
	loft logic logopedics macarons maestro magenta maize maker makers makerspace makeup manga
	manufactory manufacture maple mare marmalade marzipan mason masquerade massages masseur masseuse
	masterclass masterclasses mastery matcha materials math mathematics maths mattresses meadery meats
	mechanic mechanics medi mediation mediator medic medica medics medik meditation mediterranean meetup
	meetups melodies melons memories mentoring meringue messenger metalwork metalworks meteorology
	microbiology microchip midnight midwife milkshake milky millet mime mindfulness minds mint miracle
	mirrors mocktails mom moms montessori moonlight motel motherhood mothers motors motorsport
	mountaineering movement movers moving muesli muffins mushrooms musical musicals musicians nailart
	nailbar nails nannies nanny nanotech native naturopathy navy needle neighbors neighbourhood neo nerd
	nerds networks neural neurologist neuroscience newsletter newsroom newyear notarial notaries notes
	nowruz nursing nut nutrition nutritionist oak oat oatmeal oats observer oceans offroad oils olive
	olives olympiads omelette opensource ophthalmology opinion opinions optician optometrist oranges
	orchestras orchid orchids organics organizer organizers oriental orienteering orthodontist
	orthopedic orthopedics osteopathy otter owls paediatric paintball paintings paints pancakes panda
	paragliding parenting parents parkour parquet parrot parrots parties partnership pastries pasture
	patent patents pathway patisserie paver peak peaks pedagogy pediatrician pedicure peeling percussion
	perfumery petal petals petcare pharmacies philharmonia phonics photostudio physician physio pianist
	pianists pie pies pilaf pilates pine pines pingpong pipes pipework pistachio pita pixels pizzeria
	places plantation plants plaster plastering plumbers podcasts poets polo polymer polymers pond ponds
	ponies pony pools poplar poppies poppy porridge portrait portraits posters posture potter
	powerlifting premiere prenatal pretzel pretzels printers prints professors profi programmers
	programming projects prom proposal prosthetics prototyping proverb proverbs psy psycho psychologist
	psychology psychotherapy publisher pubs pump pumps puppet puppets puppies puppy pure python quartet
	quintet quiz quizzes rabbits racing radiology rafting rainy raisin raisins rally ram ramen ranches
	raspberry reading reception recipes recital recitals recording recordings recycle recycling
	reflexology refurbishment relatives relax removals renovations repairman reporters reports resorts
	restoration retreat retreats retro review reviews rhythm rhythms riddle riddles rights rink risotto
	roadtrip roasters roastery robots rocks rolls roofer roofers rooms roots roses route routes ruby
	runner runners rye saddle safari saiga salads salsa samosa sanatorium sandwiches saunas sausages
	sawmill saxaul saxophone scaffolding scarlet scenic scholars schoolhouse sciences scientists
	scissors scouts screening screenings sculptor seamstress seas seasonal seasons seedling seedlings
	seminars seniors sensors sewer shearing shoemaker showcase sibling siblings sightseeing signage
	singers singing sisters skatepark ski skies skis skyline smartphones smiles smoothie smoothies
	snowboard snowboarding snowy sociology sofas solarium solicitor solicitors solidarity soloist
	soloists solstice sonata songs songwriter sorbet sounds soups source sourdough spaces spaghetti spas
	speaking spice spine sportsmen springtime sprint sprinter sprout sprouts spruce squash squirrel
	stage staircase stallion standup stargazing starlight starry stars startup startups steak steakhouse
	steaks steam stem steps stickers stonework storage storytelling stoves strawberry streetball
	streetfood stretching strings stud studies stylist stylists summertime sunflowers sunny sunshine
	surfing surveying sushibar swans sweetness swimmers symphonic tables tabletennis tacos tailored
	tailors tale talents tales tandoor tango tanning tapas tapestry tarts taste tastes tasty tatami
	tavern teahouse teal teams teaparty teas teatime technopark teen teens telegraph telescope tent
	tents terrace textbook textbooks theatres therapist therapists thread tigers tile tiler tiles tiling
	times tinting tiramisu toast toastmaster toddlers tolerance tomography tool toolbox touring tourist
	tourists towing tractors trademark trademarks traditions trail trailhead trails trainer trainers
	translator translators transportation traumatology traveler travellers travels trees trekking
	triathlon trio trips trucks truffle truffles trumpet tulips turkish turquoise turtle tutor tutorial
	twins typography ultrasound undergraduate uni univer universities upholstery urologist urology
	vacations varnish vegan vegetarian veggie veggies velo veterinarian videos viewpoint villa villas
	vines vineyards violin violinist virtuoso visual visuals vita vital vitamin vitamins vlog vocals
	voices volunteering volunteers waffles waltz wanderer wanderers wanderlust wardrobe wardrobes
	warehouse warehousing warmth washing watches watchmaker waterfall waterfalls waterproofing waves
	waxing weaver webdev webinar webinars websites weekly weightlifting welder welders wellbeing wells
	whitening wilderness wildflowers wildlife willow winds wine winebar winemaking wineries winery wines
	wintertime wiring wolves wonders woodcarving woods woodworking workout workouts works wraps
	wrestlers writers writing yachting yak yogi yummy zerowaste zoology zumba abiroi abyroi abyroy
	adaldik adaldyk adaldyq adebietteri adetghuryp adetgurip adetguryby adetguryp adetguryptar
	adetguryptary adiletti advokattar agashi agashshi agashtary agayin agayyn aghashtar aghashy aghayyn
	aghilshin aghylshyn agilshin agylshyn aiakkiim aiaqkiim aidin aidini aidyn aidyny ainek aitis aitys
	ajesi akademiyasi akademiyasy akboken akikat akil akildi akin akindar akjailau akjelken akjurek
	akkaying akkayyn akniet akparattik akparattyk aksakaldar aksuiek aksungkar aksunkar aksuyek aktilek
	akyl akyldar akyldary akyndary akzhaylau akzhelken akzhol akzhurek alemderi algashki algashky
	algashqy alghashqy alghys algis algys alip alippe alkap alkizil alkyzyl almasi almasy alqap altin
	alyp analary anashim anashym anasi anderi angar angdar anggar angghar angiz angizdar angshi
	angshilar angshylar angyzdar aniz ansambli anshileri anshisi anyzdary anyzy apasi apasy aqboken
	aqbota aqil aqildi aqin aqiqat aqjailau aqjelken aqjol aqjurek aqniet aqparattyq aqqayyn aqqayyng
	aqsuiek aqsungqar aqsunqar aqsuyek aqtilek aqyl aqyldar aqyldary aqyndary aqzhaylau aqzhelken aqzhol
	aqzhurek ara aralar arashi arashilik arashy arashylyk arashylyq ardager ardagerler aristan armandar
	armandary armani armany arnasi arnasy aru asaba asemdik ashanasi ashekei ashekeiler ashekey
	ashekeyler ashilim ashylym asik asikatu asil asiq askhanalary aspandary aspani aspaz aspazdar
	aspazshi aspazshy astik astiq astronomiya astyk astyq asui asuy asxana asykatu asyl asyqatu ataana
	atalary atameken atasi atsporti atsporty aua audarispak audarma audarmalar audarmalary audarmashi
	audarmashylary audarmashysy audarmasy aue auen auil auildar auildik auili aulie aulieli auruhanasi
	aurukhanalary auruxana auyldary avtokolik ayakkiim ayaqkiim aydyn aydyny aynek aytys azamattik
	azamattyk azamattyq azhesi badam bagdarlama bagdarlamashi bagdarlamashy baghdarlama baghdarlamashy
	baghy bagi bagy baikau baikaui baiqau baiqauy baisheshek baiterek bak bakit bakiti bakitti
	bakshalary bakshashi bakshashy bakshasi baktar baktary bakyttary bakyty balabakshalary balabakshasi
	balabaqshalary balakai balakailar balakay balakaylar balalarga balalargha balalari balalary balali
	balalik balaly balaqai balaqailar balaqay balaqaylar baldirgan baldirghan baldyrgan baldyrghan bali
	balikshi baliqshi baltashi baltashy balyk balyktary balyqtary bapker bapkerler baq baqit baqitti
	baqshalary baqshashy baqtar baqtary baqyttar baqyttary baqyty baris baspahana baspakhana baspana
	baspanasi baspanasy baspasi baspaxana bassein bastaui bastauy basti basty batir batiri batirlar
	batyrlary baubaksha baubaqsha bauir bauirlar bauirsak bauirsaq baulary bauy bayge baykau baykauy
	bayqau bayqauy baysheshek bayterek beine bereke berekeli beshbarmak beshbarmaq besikjir besikjyr
	besikzhyr betege beyne biler bilgari bilimderi bilimpaz biologia birlikter birlikteri bobek
	bobekzhai boksshi bolashaghy bolashagi bope borileri borisi bota bugi bulaghy bulagi bulaktary
	bulaqtary burkiti burkitshi burkitshiler burkitshileri burkitshisi burkitteri bylgary bylghary
	chempion cifrlyk cifrlyq dalalary dalalik dalalyk dalalyq dam damhana dami damkhana damu damxana dan
	danalik danalygy danalyk danalyktar danalyktary danalyq danalyqtar danalyqtary dander danderi dani
	danishpan darigerleri darihanasi darihanasy darikhanalar darikhanalary darikhanasy darileri darin
	darindi darixana darumen daryn dastandary dastany dastarhani dastarkan dastarkandar dastarkandary
	dastarkany dastarqan dastarqandar dastarqandary dastarqany dasturleri dasturli dauis dauisi dauys
	dauysy dayindik dayyndyk dayyndyq demalis demalisi demalisuyi demalystary demalysuyi deneshiniktiru
	deneshynyktyru deneshynyqtyru densauligi densaulik densauliq densaulyghy densaulyktary densaulyqtary
	dibis dombira dombirashi dostary dostigi dostik dostiq dostyghy dostyktary dostyqtary dunie dybys
	egistik ekologiya ekologiyalik ekologiyalyk ekologiyalyq ekoturizm elim elimiz emder emderi emdik
	emhanasi emi emkhanalary emxana epos erlik ertegileri ertokim ertokym ertoqym esteligi estelik
	estelikter estelikteri etnoauil etnoauyl fermalar fermalary fermasy festivali filmder folklor
	fotosuret futbolshi futbolshy gajayyp galim galimdar garish garishker garyshker gazhaiip gazhaiyp
	gazhayip ghalim gharish gharishker gharyshker ghazhayyp ghibadatkhana ghilim ghimarat ghimaraty
	ghylymi ghylymy gilim gilimi gimarat gimarati gimaraty gimnaziyasi gulderi gulzar gurip guryby
	guryptary gylymdary gylymi habari habarshi habarshy habary halik haliktik halki halyq halyqtyq himia
	himiya horeografiya hori hory iis iissu imandi imandy innovatsiya innovatsiyalik innovatsiyalyk
	innovatsiyalyq intimak intimaktastik intimaq iris istik izbasar izdenis izgi jabdyk jabdyq jad
	jagalau jailaui jaksi janalygy janalyq janalyqtar janbir janga jangak jangaligi jangalik jangaliktar
	jangbir janggak januya japirak jaqsi jarik jaris jarisi jaristar jarkin jarqin jarshi jarshy
	jasampaz jasil jasildandiru jasilel jastari jastary jastik jasyldandyru jasylel jattigu
	jattiktirushi jaukazin jaylau jayli jazi jazik jazira jazushi jazushilar jazy jekpejek jengis
	jengisi jenisi jent jeruyik jeruyyq jetistik jetistikter jibek jibekjoli jibekjoly jihaz jihazdar
	jiin jikhaz jildam jili jilijai jilki jilkilar jilkishi jilu jir jirau jiraular jiri jirlar jirshi
	jixaz jiyn jobalar jobasi jobasy jolbaris joli jorik joryq juirik juldiz juldizdar juldizi jupar
	jurnali jusan juyrik juzimdigi juzimdik jyrau jyraular jyry kadam kadet kadetter kadetterkorpusi
	kadetterkorpusy kadettik kaiin kaimak kaitaongdeu kajilik kalamger kamis kamshi kamshy karagai
	karbiz karbizdar karbyzdar karligash karshiga kart karttar kasapshi kasapshy kasietti kaskir
	kauimdastik kauin kauindar kauymdastyk kauyndar kayik kaying kaymak kaytaondeu kayyng kaz
	kazakkuresi kazaksha kazaktili kazi kenesshi kenges kengesshi kengistik kenistik keremet keruen
	keruensarai keruensaray kesenesi keshi kesteleri kesteshileri kesteshisi kestesi kezdesu khabar
	khabarshy khabary khalky khalqy khalyk khalyktyk khalyq khalyqtyq khimia khorlar khorlary khory
	kieli kiizderi kiizi kiizui kiizuii kiizuiler kiizuileri kiizuy kiizuyi kiizuyler kiizuyleri
	kilkalam kimiz kimizhana kinosi kiran kirandar kis kishshi kisi kistau kitabi kitaphanasi
	kitapkhanalary kitaptary kitapxana kiyal kizdar kizgaldak kizi kizilgul kizkuu kizuzatu klinikasi
	klinikasy klub klubi klubtar klubtary kobiz kobizshi kobyzshy kogamdik kogami kogi koilar koishi
	kokonisi kokonisteri kokorai kokoray koktemi kokter kokteri kolderi kolikter kolonerleri
	kolonershiler kolonershileri kolonershisi komandalar komandalary komandasi komandasy konakjai
	konakjailik konakjaililik konakjaylyk konakuyleri konakzhai konakzhay konakzhaylygy konakzhaylyk
	konakzhaylyktar konakzhaylyktary konferentsiya kongir konkurs kontserti konyr kopbalali kopbalaly
	kopiri korigi korik korkemoner kormeleri korshaganorta korygy koryk koshet koshetter koylary
	kozgalis kozgalys kuanish kuanyshtar kuanyshtary kuanyshy kuat kuatti kudik kudygy kudyktar
	kudyktary kuileri kuirdak kukigi kukik kukiktik kukyktyk kulin kunderi kundilik kundylygy kundylyk
	kundylyktar kundylyktary kunshuak kunshuaq kural kurbanait kurbanayt kurilis kurilisi kurilisshi
	kurilisshilar kurstar kurstari kurstary kusbegi kusbegiler kusbegileri kusbegiligi kusbegilik
	kusbegilikter kusbegilikteri kusbegisi kustary kutti kuttiktau kuttyktau kuyleri kuyrdak kuzi
	kylkalam kymyzdary kymyzxana kyrandar kyrandary kyrany kyshshy kysy kyzdary kyzkuu kyzuzatu kyzylgul
	lashin madeni madenietteri mai makaldar makaldary makalmatel makalmatelder makalmatelderi
	makalmateli makaly makhabbattary makta maldary mali malsharuashiligi malsharuashylyghy
	malsharuashylygy malshi manggilik maqaldary maqalmatel maqalmatelder maqalmatelderi maqalmateli
	maqaly maqta maral massaj mata mausim maxabbat mazari mazary meditsinalik meditsinalyk meditsinalyq
	meiirim meiirimder meiirimderi meiirimdiligi meiirimdilik meiirimdilikter meiirimdilikteri meiirimi
	meiiz meiramhanasi meirami meiramkhana meiramkhanalar meiramkhanalary meiramkhanasy meiramy
	mektepteri mekteptin mektepting mereitoi merekeleri merekelik mereytoy mergen mergender meyirban
	meyirbike meyirim meyirimder meyirimderi meyirimdiligi meyirimdilik meyirimdilikter meyirimdilikteri
	meyirimi meyiz meyramhana meyramhanasy meyramkhanalary meyramxana meyramy mikti miqti misik misiq
	mugalimderi mughalimder muhit mukhit murager murajay murajayi murajayy muralar muralary murasi
	murasy murazhai murazhailar murazhailary murazhaiy murazhaylary musilman musilmandar musylman
	musylmandar muzika muzikalik muzykalyk muzykalyq namis nandary nani naubaikhana naubaishi naubaishy
	naubaixana naubayhana naubayshy naubayxana nauriz niet notariat nuri nurlar nurlary nurli nury
	odaghy odagi odagy odak odaq oiin oiindar oiinshik oilar oishil oishyl oiyndary oiynshygy oiynshyk
	oiynshyktar oiynshyq oiynshyqtar oiynshyqtary okirman okirmandar okitushi okitushilar okui okulik
	okushi okushilar okushylary okuy okytushylar olengder omartasi omartasy omirleri onerleri onerli
	oqirman oqushi oqushilar oqushylary oquy orken orkeniet orleu ormandary ormani orta oshaghy oshagi
	oshagy osimdik otandary otanim otanym otau otbasi otbasilik otbasy otbasylyk oyin oyindar oyinshik
	oyinshiktar oyinshiq oyinshiqtar oylar oyshyl oyui oyulary oyuy oyyndary oyynshygy oyynshyk
	oyynshyktar oyynshyktary oyynshyq oyynshyqtar ozat ozenderi paluan parasat pedagogika pedagogikalik
	pedagogikalyk pedagogikalyq perzentxana pikir pikirler psixolog qadam qaiiq qaimaq qaitaondeu
	qalamger qamshy qaragay qaraghay qarligash qarlighash qarlyghash qarshygha qart qarta qarttar
	qasapshy qasietti qauymdastyq qayiq qaymaq qaytaondeu qaytaongdeu qayyn qayyng qayyq qaz qazaqkuresi
	qazaqsha qazaqtili qazhylyq qimiz qiran qis qiyal qizdar qobiz qobyzshy qogham qoghamdyq qoghamy
	qoilary qol qolonerleri qolonershileri qolonershisi qonaqjai qonaqjailyq qonaqjay qonaquileri
	qonaquy qonaquyi qonaqzhailygy qonaqzhailyq qonaqzhailyqtar qonaqzhailyqtary qonaqzhay
	qonaqzhaylylyq qonaqzhaylyq qonyr qorshaganorta qorshaghanorta qoryghy qorygy qoryq qoyan qoylar
	qoyshy qozgalys qozghalys quanish quanyshtar quanyshtary quanyshy quat quatty qudygy qudyqtary
	quirdaq qundylygy qundylyq qundylyqtar qundylyqtary quqyghy quqyqtyq qural qurbanait qurbanayt
	qurilis qurilisshi qusbegi qusbegiler qusbegileri qusbegiligi qusbegilik qusbegilikter
	qusbegilikteri qusbegisi qustary quttyqtau quyrdaq qylqalam qymyzdary qymyzkhana qyrandary qyrany
	qysh qyshshy qysy qyzdary qyzghaldaq qyzquu qyzuzatu qyzylgul radiosi radiosy retsept retsepti
	retseptter retseptteri robototehnika ruh rukh rux sabaktary sabaqtary sabin sadak sadakshi sadakshy
	sadaq sadaqshy sahnasi saiakhat saiaxat saigulik sakhna sakhnasy salauatti salkin saltanatti
	saltanatty saltdastur saltdasturi saltdasturler saltdasturleri salti salttary samaurin samauryn
	sandik sandiq saparlary sapary sari sarkirama sauigu sauiktiru sauiqtiru saulesi saulet sauleti
	sauletshi saulik sauliq saulyk sauyghu sauygu sayabaghy sayabagi sayabaq sayahatshi sayahatshy
	sayahattar sayakhat sayakhatshy sayakhattar sayakhattary sayakhaty sayatshi sayatshy sayaxat
	sayaxatshy saygulik sazsirnai sazsyrnai sazsyrnay senim senimder senimderi senimdi senimi shabit
	shahmatshi shaikhana shaikhanalar shaikhanalary shaikhanasy shailary shaixana shakirt shakirtter
	shalghyn shalgin shalgyn shamshirak shamshyrak shamshyraq shangghy shanggi shangiragi shangirak
	shangyraghy shangyraq shanirak shaniraq shapagat shapaghat shapak shapaq sharuashiligi sharuashilik
	sharuashylyghy sharuashylyktary sharuashylyqtary shashu shatir shatiri shatkal shatqal shattik
	shattyq shatyry shaxmat shayhana shayi shaykhanalary shaylary shayxana sheberhanasi sheberhanasy
	sheberkhana sheberkhanalar sheberkhanalary sheberkhanasy sheberleri sheberligi sheberlik sheberxana
	shejire shigarmashil shigarmashilik shigarmashiliq shigharmashil shin shinar shing shingi shipa
	shipager shipajai shipajay shipajayi shipajayy shipali shipaly shipasi shipasy shipazhai shipazhay
	shipazhayy shirsha shobi sholu shuak shuakti shughila shughyla shugila shugyla shujik shuzhyq
	shygarmashyl shygharmashyl shygharmashylyk shygharmashylyq shynar shyngy shyryn sibizgi siir sinip
	sozi sporttik sporttyk sporttyq studentteri studiyalar studiyalary studiyasy suhbat sukhbat sululik
	sululiksaloni sululiq sululyk sululyksalony sululyq sululyqsalony sundettoi sundettoy sungkar
	sungqar suretteri susin sutteri synyby synyptary tabigati tabigattary tabighaty tabighi tabigi
	tagamdary tagami taghamdar taghamy taghilim taghylym tagilim tagylym tajiribe takiya tal tamyr
	tangajayyp tangazhayyp tanggajayip tangghazhayyp tangi tangsholpan tangy tansholpan tany taqiya
	tarbieleri tari tarihy tarikhtar tarikhtary tarikhy tarixi tary tasbaka tasbaqa tastary tattiler
	tatulik taui tauik taulary tauli tauly tazalik tazaliq tazartu tazhiribe tazi teatri teatrlary
	tehnologiya tehnologiyalar tekhnologiyalar teledidar temirshi tendik tengdik teri tigin tiin tilderi
	tilegi tilekter tilmash tilmashtar tilmashtary tilmashy tilshi tilshiler tinish tinishtik tirna
	tobilgi togailary togaiy togaylar togaylary togayy toghyzqumalaq togizkumalak togizqumalaq toibastar
	toihana toikhana toilary toixana tokima tokimashi tokyma tokymashy topirak toqima toqyma toqymashy
	toybastar toyhana toykhana toylary toyxana tsifrlik tsifrliq tsifrlyk tsifrlyq tuganjer tuganzher
	tughanzher tuieleri tuigin tuigyn tuis tuistar tukim tukym tulparlary tulpary tuma tumar tunggish
	tuqym turghyn turgin turgyn turistik turlitusti turmis turmys tusi tuyeleri tuyghyn tuygyn tynyshtyk
	tynyshtyq tyrna uia uii uiim uiirme uiirmeler uiirmeleri uiirmesi uik uileri ulagatti ulagatty
	ulaghat ulaghatty ulkender ulttik ulttiksayabak ulttiq ulttyksayabak ulttyqsayabaq umitteri ushkir
	ushkish ushkyr ushqish ushqyr ustakhana ustalary ustasi ustasy ustaxana ustazdary ustazi uya uyim
	uyimi uyimiz uyirme uyirmeler uyirmeleri uyirmesi uyleri uyym uyymy uzdik volonter volonterler xabar
	ximia ximiya xor yntymagy yntymaktar yntymaktary yntymaktastyk yntymaqtar yntymaqtary yntymaqtastyq
	zandy zangdar zangdi zangdy zanggerler zangi zangy zerde zerdesi zerek zerthanasi zerthanasy
	zertkhanasy zertteu zertteuler zertxana zhabdik zhabdiq zhabdyk zhabdyq zhad zhagalau zhaghalau
	zhailau zhaili zhaily zhaksi zhanalik zhanaliq zhanalygy zhanalyk zhanalyktar zhandary zhanga
	zhangalyghy zhangalyq zhangalyqtar zhangaq zhangbyr zhangghaq zhaqsi zharik zhariq zharkin zharqin
	zharshi zharshy zharygy zharyktar zharyktary zharyqtar zharyqtary zhasampaz zhasil zhasospirimder
	zhastary zhastyq zhasyldandyru zhasylel zhattighu zhattigu zhattyghu zhattyqtyrushy zhauqazyn zhayli
	zhazira zhazushylar zhazushylary zhazushysy zhazy zhazyq zhekpezhek zhemisteri zhengis zhengisi
	zhenisi zherleri zheruyyk zheruyyq zhetistik zhetistikter zhibek zhibekzholy zhidekter zhihaz
	zhihazdar zhikhaz zhildam zhili zhilki zhilqi zhilu zhir zhixaz zhiyn zhobalar zhobasy zholdary
	zhoryk zhoryq zhuirik zhuldiz zhuldizdar zhuldyzdary zhumbagy zhumbaktar zhumbaktary zhumbaq
	zhumbaqtar zhumbaqtary zhun zhupar zhurekteri zhuzimder zhuzimderi zhuzimdigi zhuzimdik zhuzimi
	zhylkylary zhylqylar zhylqylary zhylqyshy zhylqysy zhyrau zhyraular zhyrlar zhyry ziyatker
	ziyatkerlik abadiy adabiyotlari adib adolat adolatli advokatura afsona ahborot ahillik akhborot akl
	alifbo anana ananalar ananalari ananasi ananaviy anor anorzor aql argumok argumoq asalarichilik
	asali asallar asallari asbob askiya atir atrofmuhit avliyo avlodi avlodlar avlodlari axborot ayvon
	bagrikenglik bahcha bahshi bahti bahtiyor bahtlar bahtlari bakhcha bakhshi bakhtiyor baligi baliklar
	baliklari baliqlar baliqlari barg barkamol baxcha baxshi baxtiyor baxtlari bayramlari bazm behi
	beshiktoy bezak bilimdon bilimlari bino binolar birliklari biya bobojon bogbonchilik bogboni
	bogbonlar bogbonlari bogchalari bogdorchiligi bogdorchiliklar bogdorchiliklari boglari bokschi
	bolajon bolakay bolalarbogchasi bolalari bolali bolalik botir botirlar boychechak boyogli boyoq
	buloklar buloklari buloqlari buvijon buyok buyoq buzok buzoq chaman chamanzor chamon chang charos
	chavandozlar chechak cherkov chokki choqqi chorva choyhonalar choyhonalari choyhonasi choyi choylar
	choylari choynak choyxonalari chukur chumchuk chumchuq chuqur dalalari damolish dara darahti
	darahtlar darahtlari darakhtlar daraxtlari darslari daryolari dashti dashtlar dashtlari dasturhon
	dasturhoni dasturhonlar dasturhonlari dasturkhon dasturlash dasturxon dasturxoni dasturxonlar
	dasturxonlari davo davolash dehkonlar dil diyor don doni donish donishmand donlar donlari donoligi
	donolik donoliklar donoliklari doppidoz dorboz dori dorihonalar dorihonalari dorihonasi dorilar
	dorilari dorisi dorivor dorixonalar dorixonalari dorixonasi dostlari dostliklari dostoni dostonlar
	dostonlari dovon dunyo dunyolar dunyolari dunyosi duppi duradgorlik dustlar dustlik ekologik
	ertaklar ezgu ezgulik fahr fahriy fahriylar fakhr fakhriy fakhriylar fani fanlar fanlari farovon
	farovonlik farzand farzandlar fasllar faxr faxriy faxriylar fermeri fermerlar fermerlari fikr
	filmlar fukaro fukarolik fuqaro fuqarolik galaba galla gallalar gallalari gallasi ganch ganchkor
	ghisht ghuncha gilamdoz gilamlar gisht giyoh giyohchoy giyohlar godak gudak guldasta gullari gulzor
	guncha gurur gusht guzal guzallik habarchi habarlar hadis halk halktabobati halol halq halqi
	halqtabobati halva hamjamiyat hamjihatlik harakat hattotlik havo havorang haykal haykaltarosh hayot
	hayoti hayotlar hayotlari hayvonlari hiyobon hofiz hojaligi hojaliklar hojaliklari holva honakoh
	honaqoh hordik hordiq hori horlar horlari hotinkizlar hotinqizlar hotira hotiralar hotiralari
	hotirasi hukuk hukukiy hunarmandchiligi hunarmandchiliklar hunarmandchiliklari hunarmandlari huquq
	huquqiy hurmat hursandchilik husn ibtido iftihor iftikhor iftixor ihtiro ihtirochi ijodiy ijtimoiy
	ikhtiro ikhtirochi iktidor ildiz ilgor ilmi ilmlar ilmlari imom ingliz inglizcha innovatsion ipak
	ipakkurti ipakqurti ipakyoli iqtidor ishonch ishonchi ishonchlar ishonchlari issiklik issiqlik
	istedod istedodli istirohatbogi ittifok ittifoq ixtiro ixtirochi jambil jamoalar jamoalari jamoasi
	jarroh jarrohlik jayron jismoniy jismoniytarbiya jome jon kadamjoy kadetkorpusi kadetlar kadriyat
	kadriyati kadriyatlar kadriyatlari kahramon kahramoni kahramonlar kahramonlari kamalak kamolot kand
	kandakor karvon karvonsaroy kashfiyot kashtachi kashtachilik kashtalar kashtalari kashtasi kecha
	kelajak kelinlar kelinlari kelinsalom khabarchi khabarlar khalk khalki khalktabobati khalq khalqi
	khalqtabobati khattotlik khiyobon khojaligi khonakoh khonaqoh khotinkizlar khotinqizlar khotira
	khursandchilik kichkina kigiz kigizi kigizlar kigizlari kimyo kirgiy kiryuvish kishki kishlogi
	kishlokhojaligi kishlokkhojaligi kishloklar kishloklari kishlokxojaligi kishmish kishmishi
	kishmishlar kishmishlari kitobhon kitobkhon kitoblari kitobxon kizgaldok kizi kizikchi kizlar
	kizlari klubi klublar klublari kobiliyat kochat kogirchok kohna koinot koki koklar koklari kollari
	kongilli kongillilar konsert konun konuniy konunlar kopbolali kopkari koplon koprik korgazmalar
	korgazmalari korgazmasi korikhona korikkhona korikxona koshigi koshikchi koshikchilar koshikchilari
	koshikchisi koshiklar koshiklari kosib kovuni kovunlar kovunlari kozgu kozon kuchat kudugi kuduklar
	kuduklari kuk kulolchiligi kulolchiliklar kulolchiliklari kumir kup kupbolali kurash kurashi
	kurashlar kurashlari kurslar kushi kushik kushlar kushlari kutlug kutubhona kutubhonalar
	kutubhonalari kutubhonasi kutubkhona kutubkhonasi kutubxona kutubxonalar kutubxonalari kutubxonasi
	kuvonchi kuvonchlar kuvonchlari kuvvat kuylar kuylari kuyoshi kuyoshlar kuyoshlari kuyoshli kuzgi
	lapar latofat lazzat lazzatli loyiha loyihalar madaniyatlari mahallalari makbarasi makoli makollar
	makollari makom maksad maktabgacha maktablari malham manaviyat mangu maqbarasi maqoli maqollar
	maqollari maqom maqsad marifatli mashk mashklar mashq mashqlar maslahat maslahatchi mastava matal
	matbuot mayizi mayizlar mayizlari maysa mehmondost mehmondostligi mehmondostlik mehmondostliklar
	mehmondostliklari mehmondust mehmonhonalar mehmonhonalari mehmonhonasi mehmonlari mehmonxonalari
	mehr mehri mehribonligi mehribonlik mehribonliklar mehribonliklari mehrlar mehrlari mehrli memor
	memorchilik mergan meros merosi meroslar meroslari mevalari mevali minbar miniatyura misgar
	misgarlik muborak muhabbatlari muhandislik mukaddas muqaddas musaffo musikiy musiqiy musobaka
	musobakalar musobakalari musobakasi musobaqa musobaqalar musobaqalari musobaqasi mustahkam musulmon
	muzeylar muzeylari muzkaymok muzqaymoq nafis nafosat nakkosh nakkoshlik nakshi nakshlar nakshlari
	namuna namunali naqqosh naqqoshlik naqshlari nashriyot navo navvot nihol nodavlat noni nonlar
	nonlari nonvoyhona nonvoyhonalar nonvoyhonalari nonvoyhonasi nonvoykhona nonvoyxona nonvoyxonalar
	nonvoyxonalari nonvoyxonasi notarial nuri nurlari nurli nuroniy nuroniylar obida obidalar obod
	obodlik ogillar ogillari oglon ohang oilalari oilaviy okish okituvchilari okituvchisi okkush okshom
	oksokol oksokoli oksokollar oksokollari okuv okuvchilar okuvchilari okuvchisi olam olimlar oltin
	oltinrang onajon onalari onatili onayurt oqish oqituvchilari oqqush oqshom oqsoqol oqsoqoli
	oqsoqollar oqsoqollari oquv oquvchilari ormoni ormonlar ormonlari oromgoh orzulari oshhonalar
	oshhonalari oshiyon oshpazi oshpazlar oshpazlari oshxonalari osimlik osimliklar osmir osmirlar
	osmonlari otajon otalari otov otovi otovlar otovlari otpoygasi ovkati ovkatlar ovkatlari ovoz ovozi
	ovqatlari oydin oyi oyin oyinchogi oyinchok oyinchoklar oyinchoklari oyinchoq oyinchoqlar
	oyinchoqlari oyini oyinlar oyinlari oylar oylari oymakor ozbekcha ozbektili pahlavon pahtakor
	pakhtakor palovlari pardoz parranda parrandachilik parvarish paxtakor pichokchi pichoqchi pilla
	pillachilik piyola poliz polizchilik polvonlar porlok porloq poyabzal poyga qadamjoy qadriyat
	qadriyati qadriyatlar qadriyatlari qahramon qahramoni qahramonlar qahramonlari qand qirgiy qishki
	qishloqhojaligi qishloqkhojaligi qishloqlari qishloqxojaligi qizgaldoq qiziqchi qizlari qobiliyat
	qogirchoq qonun qonuniy qonunlar qoplon qoriqhona qoriqkhona qoriqxona qoshiqchi qoshiqchilar
	qoshiqchilari qoshiqchisi qoshiqlari qovuni qovunlar qovunlari qozi qozon qudugi quduqlar quduqlari
	qulun quron qush qushi qushiq qushlar qushlari qutlug quvonchlari quvvat quy quyoshlari quyoshli
	rakamli rakkos raksi rakslar rakslari rang ranglar rangli raqamli raqqos raqsi raqslar raqslari rasm
	retseptlar retseptlari rezavor rivoj rivojlanish rivoyat robototexnika sabza sabzavoti sabzavotlar
	sabzavotlari sadokat sadoqat safar safari safarlar safarlari sahar sahifa sahro salomatligi
	salomatlik salomatliklar salomatliklari samo sanati sanatkor sanatlar sanatlari saodat savod
	savodhon savodkhon savodxon sayil sayohat sayohatchi sayohati sayohatlar sayohatlari sayr sayyoh
	sayyohlar shafak shafaq shahmatchi shakhmatchi sharaf sharkona sharq sharqona sharshara shaxmat
	shaxmatchi sheriyat shifo shifobahsh shifobakhsh shifobaxsh shifohonalar shifohonalari shifohonasi
	shifokorlari shifolar shifolari shifosi shifoxonalar shifoxonalari shifoxonasi shirinliklar shogird
	shogirdlar shoira shoiri shoirlar shoirlari sholi sihat sihatgoh sihatgohi sihatgohlar sihatgohlari
	sinfi sinflar sinflari soch soghlik soghliq soghlom sogligi soglik sogliklar sogliklari sogliq
	sogliqlar sogliqlari soglom soglomlashtirish sopol sovun sozanalar sozanalari sozanasi studiyalari
	studiyasi subh sutlar sutlari suvi suvlar suvlari suzana suzish suzma tabassum tabiatlari tabiiy
	tabobat tabrik tabriklar tadkikot tadkikotlar tadqiqot tadqiqotlar tajriba talabalari talimi tanbur
	tanlov tansik tansiq tantana taomlari tarakkiyot taraqqiyot tarbiyalari tarbiyasi tarihlar tarihlari
	tarixi tarixlar tarixlari tarjima tarjimalar tarjimalari tarjimasi tarjimoni tarjimonlar
	tarjimonlari teatri teatrlari tehnikum texnika texnikum texnologiya texnologiyalar tibbiyot tikuv
	tilak tilaklar tillari tinchliklari tishi tishlar tishlari togaragi togarak togaraklar togaraklari
	toglari togli tol tong tongotar topishmogi topishmok topishmoklar topishmoklari topishmoq
	topishmoqlar topishmoqlari toshbaka toshbaqa tovus toyhona toykhona toylari toyxona tozalash tozalik
	tugarak tugrukhona tugrukkhona tugrukxona tugruqhona tugruqkhona tugruqxona tush tuy tuyhona
	tuykhona tuyxona uchrashuv udum ughil ukish ukituvchi ukuv ukuvchi ulok uloq umidlari uqish uquv urf
	urfi urflar urflari urfodat urfodati urfodatlar urfodatlari urug urugh uskuna ustahonalar
	ustahonalari ustahonasi ustakhonasi ustalari ustasi ustaxonalar ustaxonalari ustaxonasi ustozi
	ustozlar ustozlari uyin uyinchok uyinchoklar uyinchoq uyinchoqlar uyinlar uyjoy uylari uyushmasi
	uzbekcha uzum uzumchilik uzumi uzumlar uzumlari uzumzor vafo vatanim vatanlari vodiy volontyor xabar
	xabarchi xabarlar xalk xalki xalktabobati xalq xalqi xalqtabobati xattotlik xiyobon xojaliklari
	xonakoh xonaqoh xori xorlar xorlari xotinkizlar xotinqizlar xotira xotiralar xotiralari xotirasi
	xursandchilik yalla yalpiz yangilik yangiliklar yashillik yaylov yer yeri yerlar yerlari yigiti
	yigitlar yigitlari yilki yilkichi yilqi yilqichi yodgorlik yog yogh yol yoli yollar yollari yorkin
	yorqin yorug yorugh yoshligi yoshlik yoshliklar yoshliklari yozgi yozuvchilar yozuvchilari
	yozuvchisi yugurish yuksak yul yulduzlari yuragi yurak yuraklar yuraklari yurtim zakovat zamin
	zangori zardoz zardozlik zarrin ziyo ziyofat ziyoli ziyoratgoh zukko zur aalam aari aarichi
	aarichilik aary aarychy aarychylyk aba adabiat adabiyat adabiyattar adabiyattary adabiyaty adilettik
	adilettuu aidoochu aiil aiyl aiyldar aiyldary aiyly ajaiip ajaiyp ajayip ajayyp ajilik ajylyk
	akilduu akilman akjurok akkalpak akkuu aksakaldar aksakaldary aksakaly akylduu akzhurok alakiiiz
	anchi anchy angchy anglis ardak arhar arkhar arstan ashkanalary ashkanasi ashkanasy ashlyamfu
	ashpozchu ashuu asmandary asmany ataene atchabish atchabysh ayaldar aydoochu ayil ayilcharba ayildar
	ayildik ayili aylanachoyro aytish aytysh ayyl ayylcharba ayyldar ayyldary ayyldyk ayyly azhayip
	azhayyp azhylyk baaluulugu baaluuluk baaluuluktar baaluuluktary baatir baatirlar baatyr baatyrlar
	baatyrlary baatyry bakcha bakchalar bakchalary bakchasi bakchasy bakdarak baktiluu baktyluu
	balabakcha balabakchalar balabakchalary balabakchasy balaluu balban balbandar baldarbakchasi
	baldarbakchasy baldarga baldari baldary bashat basma basmasi basmasy bayirki bayyrky bekem berekeluu
	beypil biichi biiik bilimduu birikme birikmesi birimdigi birimdik birimdikter birimdikteri birtugan
	bishtak biychi biyi biyler bobok boek booruker boorukerligi boorukerlik boorukerlikter
	boorukerlikteri boruloru borusu boto boyok bozuiloru bozuiu bozuylor bozuyloru bozuyu bugu burkutchu
	burkuttoru burkutu butkiiim butkiyim buudai buuday byshtak chabalekey chabandes chach chachtarach
	chaikana chaikanalar chaikanalary chaikanasy chailary chaiy charbasi charbasy chatir chatyr chayi
	chaykana chaykanalar chaykanalary chaykanasy chaylar chaylary chayy cheber cheberchilik cheberler
	chie chigarmachil chigarmachilik chirkoo choku chonata chonene chongata chongene choor chop churkoo
	chygarmachyl chygarmachylyk daam daamduu daami daamy daanishman daanyshman dandar dandary dany darak
	darbiz darbyz darichop dariia darikana darikanasi darilar dariloo dariya dary darychop daryger
	darygeri darygerler darygerleri darykanalary darykanasy darylary daryloo daryloolor darylooloru
	daryloosu darysy daryyalar daryyalary daryyasy dastorkon dastorkondor dastorkondoru dastorkonu
	denetarbiya deniz densoolugu densooluk densooluktar densooluktary diikan diniy diykan diykandar
	dolboor dostoru dostugu dostuktar dostuktary dosu duino duinolor duinoloru duinosu duyno duynolor
	duynoloru duynosu dyykandar eer eginderi eldik elechek emerek enesi epostor epostoru eposu erdik
	erenish esaluu estelik etnoayil etnoayyl gezit guldoru gulu horlor horloru horu iiik iirim iirimche
	iirimcheler iirimcheleri iirimchesi iktiyarchi iktiyarchilar ilim ilimder ilimderi ilimi ilimiy
	imarat iraiim irakmat irchi irchilar irlar ishenim ishenimder ishenimderi ishenimi itelgi iyik
	iyikjay iyman iymanduu iyrim iyrimche iyrimcheler iyrimcheleri iyrimchesi izildoo izildoochu jai
	jailoo jailuu jakshi jalbirak jalbyrak jamaat jamaati jamaaty jambiatuu jambyatuu jamgir jandary
	jangagi jangak janggagy jangi jangilik jangylyktar jani janibar janibarlar janilik janiliktar
	janybar janybarlar janylyk jaran jarandik jarandyk jaratilish jaratilishi jaratylysh jaratylyshtar
	jaratylyshtary jaratylyshy jarik jarish jarishtar jarysh jaryshtar jash jashil jashilcha jashtari
	jashtary jashtik jashtygy jashtyktar jashtyktary jashylcha jashylchalar jashylchalary jashylchasy
	jay jayit jayloolor jayloosu jayluu jayyt jazuuchu jazuuchular jazuuchulary jazuuchusu jemish
	jemishi jemishter jemishteri jengish jenish jerleri jetishkendik jibekjolu jigach jigiti jigitteri
	jildiz jildizdar jildizi jilki jilkichi jiluu jiluuluk jipar jolbors joldor joldoru jolu jolugushuu
	jomogu jomok jomoktor jomoktoru joogazin joogazyn jorgo jurogu juroktor juroktoru juu juzum juzumdor
	juzumdoru juzumu juzumzar jyldyzdar jyldyzdary jyldyzy jylkychy jylkylar jylkylary jylkysy jyluu
	jyluuluk jypar kaada kaadalar kaadalary kaadasalt kaadasalttar kaadasalttary kaadasalty kaadasy
	kabar kabarchi kabarchy kabari kabary kaiing kamchi kamchy kapchigai kapchigay kapchygai kapchygay
	karagai karishkir kariyalar karyshkyr karyya karyyalar kavun kayin kayyng kech kechesi kekilik
	kelechegi kelinderi kelini kenesh keneshchi kengesh kengeshchi kerbensaray kesme khorlor khorloru
	khoru kichi kichinekei kichinekey kiiim kiiiz kiiizder kiiizderi kiiizi kilkiyak kirgizcha
	kirgiztili kirgool kishtoo kitebi kitepkanalary kitepkanasi kitepkanasy kitepteri kiyal kiyizder
	kiyizderi kiyizi kiymil kizgilt kizkuumay klasstar klasstary klassy klubdar klubdary klubu kogu
	koguchkon kogultur koktor koktoru koldoru kolonor kolonorchu kolonorchulor kolonorchuloru
	kolonorchuluk kolonorchusu kolonorlor kolonorloru kolonoru kolu komur komuzchu konogu konoktoru
	konokui konokuy koom koomduk koomu koon koozduk kopbalaluu kopolok korgozmo korkom koruk koshuna
	kosmos kotormo kotormochu kotormochular kotormochulary kotormochusu kotormolor kotormoloru kotormosu
	koychu koyon kozkarandisizdik kozkarandysyzdyk kozu kubanich kubanychtary kubanychy kubat kubattuu
	kuch kuchtuu kudugu kuduktar kuduktary kulja kuluk kulun kulzha kumboz kumbozu kundoru kunu kuron
	kurong kuroshtoru kuroshu kuruch kurulush kurulushchu kurulushu kurut kuruuchu kushtar kushtary
	kushu kuttuktoo kuttuu kuu kuulor kuuloru kuurchak kuusu kylkyyak kyrgool kyrgyztili kyshtoo
	kyyaldary kyymyl kyzkuumay lachin lachyn maalimat maalymat maarake madaniat madaniyattar
	madaniyattary madaniyaty maek mahabat mahabattar mahabattary mahabaty mairamdary mairamy makallakaby
	makallakap makallakaptar makallakaptary makhabat makhabattar makhabattary makhabaty malchi manaschi
	manaschilar mashiguu mashiktiruuchu mashyguu mashyktyruuchu mayramdar mayramdary mayramdik mayramdyk
	mayrami mayramy mechiti meerimduu meiizder meiizderi meiizi meimandostugu meimandostuk
	meimandostuktar meimandostuktary meimankana meimankanalar meimankanalary meimankanasy mekenderi
	mekeni meyizder meyizderi meyizi meymandos meymandostugu meymandostuk meymandostuktar
	meymandostuktary meymankana meymankanalar meymankanalary meymankanasi meymankanasy mishik miyzam
	miyzamdar miyzami momojemish momolor momoloru momosu momozhemish monggu mongu munushker munushkor
	munushkorlor munushkorloru munushkorlugu munushkorluk munushkorluktor munushkorluktoru munushkoru
	muras murasker murastar murastary musulman muun muundar muundary muunu muzeileri muzeyleri muzoo
	myyzam myyzamdar myyzamy naabaikana naabaykana nariste nurduu nurluu nuru obon obonchu ochok oium
	oiunchuk oiunchuktar oiundar okumushtuu okumushtuular okurman okutuuchu okuuchulary okuuchusu omur
	omurlor omurloru omuru ondoo ongdoo onor onorlor onorloru onorpoz onoru onuguu oodarish oorukana
	oorukanalar oorukanalary oorukanasi oorukanasy ordo oromo oroon oroondor oroondoru oroonu oruk
	ospurum osumduk osuu oymochiyme oyum oyunchugu oyunchuk oyunchuktar oyunchuktary oyundar oyundary
	oyunu oyuu oyuular oyuulary oyuusu paloo ruhtar ruhtary ruhu rukhtar rukhtary rukhu saiakat saima
	saimachi saimachy saimachylar saimachylary saimachysy saimalar saimalary saimasy salamattigi
	salamattik salamattygy salamattyk salburun saltsanaa saltsanaalar saltsanaalary saltsanaasy salttuu
	samoor sanariptik sanjira sanjyra sanzhyra sayakat sayakatchi sayakatchy sayakattar sayakattary
	sayakaty sayapker sayma saymachi saymachy saymachylar saymachylary saymachysy saymalar saymalary
	saymasy seiilbak seyilbak shaan shalbaa sharkiratma sharkyratma shibak shipaa shipaakana shipaaluu
	shirdagi shirdak shoola shybak shypaa shypaakana shypaaluu shyrdagy shyrdaktary sinak sonun sporttuk
	suiuuloru suiuusu suluu suluuluk surotchu surottoru surotu suttoru sutu suular suulary suyuulor
	suyuuloru suyuusu suzuu taalay tabigii tabigiy tabigyi tabigyy tabip tabishmak tabiyat tabyp
	tabyshmagy tabyshmak tabyshmaktar tabyshmaktary tajriyba tajryyba talaalary talaasi talaasy
	talanttuu tamagi tamakash tamaktary taranchi taranchy tarbia tarbiachi tarbiachy tarbiyachy
	tarbiyalar tarbiyalary tarbiyasy taryh taryhtar taryhtary taryhy taryhyy tarykh tarykhtar tarykhtary
	tarykhy tarykhyy taryx tattuu taygan tazaloo tazhryyba tebetei tebetey temirkomuz tiguu tiguuchu
	tilmech tilmechi tilmechter tilmechteri tinchtik tish toguzkorgool toikana toiloru toiu tokoiloru
	tokoiu tokoylor tokoyloru tokoyu took tooloru tooluu tooteke topoz topurak toykana toylor toyloru
	toyu tuboluk tustuu tynch tynchtygy tynchtyktary uibuloloru uibulosu uiloru uiu ukugu ukuk ukuktuk
	ulaktartish ulaktartysh ulamish ulamysh ulut uluttuk uluu umuttoru umutu ungkur unkur urpadat
	urpadattar urpadattary urpadaty ustakana ustakanalar ustakanalary ustakanasy ustattary ustaty
	uuldary uulu uybulolor uybuloloru uybulosu uylor uyloru uyu uyum uyumu yiyk yktyyarchy yktyyarchylar
	yraiym yrayym yrchylary yrchysy yyman yymanduu yyyk yyykjay yyykzhay zergerchilik zhai zhailoosu
	zhailuu zhakshi zhalbyrak zhamaat zhamaaty zhambyatuu zhangagy zhanggagy zhanggak zhangy zhangylyk
	zhangylyktar zhani zhanibar zhanilik zhanybar zhanybarlar zharan zharandyk zharatylysh
	zharatylyshtar zharatylyshtary zharatylyshy zharysh zharyshtar zhash zhashil zhashilcha zhashtary
	zhashtygy zhashtyktar zhashtyktary zhashylcha zhashylchalar zhashylchalary zhashylchasy zhay zhayloo
	zhayloosu zhayluu zhayyt zhazuuchu zhazuuchular zhazuuchulary zhazuuchusu zhemish zhemishi
	zhemishter zhemishteri zhengish zhenish zhetishkendik zhibekzholu zhigiti zhigitteri zhildiz
	zhiluuluk zhipar zholbors zholdoru zholu zholugushuu zhomogu zhomok zhomoktor zhomoktoru zhoogazyn
	zhorgo zhurogu zhuroktoru zhuu zhuzum zhuzumdor zhuzumdoru zhuzumu zhuzumzar zhyldyzdary zhyldyzy
	zhylkychy zhyluu zhyluuluk zhypar zirek zyyarat abide adim agac agaclar ahsap aile ailesi akademi
	akademisi akilli anaokulu anit anne anneanne annem antrenor arastirma ardic aricilik arkadas
	arkadaslik armut astronomi atcilik atletizm atyarisi avci avcilik avukat avukatlik aydinlik ayva
	baba babaanne babam badem bagcilik baglama baglari bahadir bahar bahari bahce bahceler bahcesi
	baklava balikci basin baslangic baykus bebek bebekler beden bedenegitimi bereketli beyaz bilge
	bilgelik bilgi bilgin bilgisayar binicilik birinci bitki bitkicayi bitkisel biyoloji borek bostan
	boya boyaci bozkir bugday bulus bulusma buyukler cagdas cami camii cati cayci cayevi cesaret cesme
	cesur ceviz cevre cevreci ceylan cicek cicekler ciftci ciftlik cinar cini cinicilik cirit cocugu
	cocuk cocuklar cografya comlek comlekci corba dagi daglar damat danisman danismanlik dans davul
	dayanisma dede delikanli demirci deney dergi dergisi derin dernegi dernek ders dershane dersleri
	destan destani deve dijital dilek dili diller disci diyet diyetisyen doga dogal dolma dostluk dugun
	dunya ebedi ebru eczane edebiyat efsane egitim egitimi egzersiz ekmek ekoloji ekolojik elma
	elsanatlari enstitu etut evliya evren evyemekleri fidan fikir filmleri firin firini fistik fizik
	galeri gazete gazetesi gaziler gece gecesi gelecek gelenek gelenekler geleneksel gelin gelisim genc
	gencler genclik geyik gezgin gezi gokkusagi gokyuzu golu gonullu gonulluler gorenek gozleme guclu
	gumus gundem gunes gunesi gures guresci guvercin guzel guzellik haber haberler haberleri hali
	halicilik halkdanslari halkoyunlari hamam hareket harika hastane hastanesi hattat hava hayal hayvan
	hayvancilik hayvanlar hedef hekim helal helva hemsire heykel hosgoru hukukcu huzur huzurlu ilkbahar
	ilkokul incir inek insaat insan insanlik ipekyolu irmak isigi isik iyilik jimnastik kadim kadin
	kadinlar kahraman kahramanlar kahve kahvehane kahverengi kahvesi kainat kalkinma kalp kamp kampi
	kanun kapi kaplan kaplica karanfil kardes kardesler kardeslik karpuz kartal kavak kavun kayisi kebap
	kebapci keci kedi kelebek kemence kervan kervansaray kilim kilise kimya kiraz kirlangic kirmizi
	kitaplar kiyi klinigi klinik kofte kolej koleji komsu konser konuk konukevi kooperatif kopek kopru
	koro korosu kosu kovan koylu koyu koyun kres kucuk kugu kultur kulturel kulubu kulup kurban kursu
	kuslar kutlama kutlu kutsal kutuphane kutuphanesi kuyumcu laboratuvar lacivert lahmacun lale leylek
	lezzet lezzetleri lise lisesi lokanta lokantasi lokum magara mahalle mahkeme marangoz marangozluk
	masaj masal masallar matematik mavi medya menekse mermer mescit mese mevsim mevsimler meyve meyveler
	millet milli millipark mimar mimarlik minyatur misafir misafirhane mobilya mubarek muhabir muhendis
	muhendislik musluman mutfagi mutfak mutlu mutluluk muze muzesi muzigi muzik nazik nehir nergis nese
	neseli nesil nevruz nikah noter noterlik oglan ogrenci ogrenciler ogretim ogretmen ogretmenler ogul
	okcu okculuk okul okullar okulu okuma okur olimpiyat onur orkestra orkestrasi ortaokul oruc oteli
	oymacilik oyuncak oyunlar ozgur ozgurluk pamuk pansiyon papatya parlak pars pastane pedagoji
	pehlivan pembe pencere peynir pide pilav pinar pirinc plaj proje projeler radyo radyosu rehberlik
	renk renkler renkli resim ressam robotik ruzgar saadet sabah sadakat safak saglam saglik saglikli
	sahil sahin sahne sair sairler sampiyon sampiyonluk sanatci sanatlari sarki sarkici satranc saygi
	sebze sebzeler seftali seher selale sendika senligi senlik seramik serce sergi sesi sevinc seyahat
	sicak sifa sifahane sifali simit sinema siyah sofra sofrasi sogut solen sonbahar sosyal spor stadyum
	sumbul sutcu tadilat takim tamirci tarim tarimsal tarla tasarim tatil tatli tatlici tavsan tavuk
	tavus tebrik teknik teknoloji televizyon temiz temizlik terapi termal terzi terzihane tezhip tibbi
	tilki tiyatro tiyatrosu tohum toplulugu topluluk toplum toplumsal toprak torun tugla turbe turbesi
	turku turkuaz turuncu universite universitesi uzay uzumculuk vadi vadisi vatandas vefa yabancidil
	yagmur yapi yapilari yaprak yarisma yarismasi yaslilar yayin yayinevi yayinlari yayla yaylasi yazar
	yazarlar yazilim yemek yemekleri yeni yesillik yetenek yildiz yildizi yildizlar yuce yuksek yuzme
	zafer zambak zanaat zanaatkar zarif zeka zirve ziyaret ziyaretgah zurna
`)
