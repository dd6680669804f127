package webwatch

// regionWords is the second general lexicon: the ordinary words of the
// region that lexicon.go's frequency list stops short of, written from
// general knowledge of the languages, as a frequency list would give
// them, not from any test set. It holds, in this order, everyday Kazakh
// (people, home, food, nature, animals, the city, trades, schooling,
// culture, sport, health, time, colours and numbers, with the plurals and
// possessives of the most frequent nouns), Kyrgyz and Uzbek (Latin)
// everyday words the same way with their commonest endings, Russian nouns
// and adjectives in the forms names are made of (shops, trades,
// building, the farm, schooling), the places of Kazakhstan, Kyrgyzstan
// and Uzbekistan (regions, cities, towns, rivers, lakes, mountains,
// districts), the region's first names and surname roots, and English
// words companies put in names. A word is written in
// the Latin spellings people type, several where there is no one
// standard: q and k, gh and g, zh and j, ng and n, kh and h, y and i, and
// the Uzbek o' and g' without the mark.
//
// Like lexiconWords it holds no word of money, payments, accounts,
// logins, help, prizes, gifts, fines, debts, taxes, pensions, delivery,
// tickets or profit, in any of the languages: those are the evidence of
// intent (words.go), and a word of intent that were ordinary would hide a
// strict name's combosquatting; nor a word whose endings, read off by
// inflect.go, would leave one (jenil "light" of jenildik, "discount"). It
// holds no brand's name either, nor a spelling of one, nor a word one
// letter from a distinctive name (balyk, "fish", of halyk); a watchlist's
// names are dropped from every list when a Scorer is built.
var regionWords = words(`
	adamy aeyel aielder ayelder aieli ayeli jigit zhigit jigitter boijetken boyzhetken boijetkender qyzdar kyzdar
	qyzy kyzy uldar balasy sabiler naresteler jasospirim jasospirimder qaria karya karia qarialar aqsaqal aksakal
	aqsaqaldar azhe aezhe ajeler atalar atasy analar anasy aeke akeler akesi apalar agha agalar agasy iniler apke
	aepke apkeler sheshe shesheler qaryndastar sinli sinliler jenge zhenge jengge jengeler kuieuler kelinder qaiyn
	kayyn kaiyn qaiyndar qaiynata kayynata kaiynata qaiynatalar qaiynene kayynene kaiynene qaiyneneler nemereler
	shobereler jien jiender tuysqan tuyskan tuysqandar jubai jubailar zhar jarlar qalyndyq kalyndyk kalyngdyk
	qalyndyqtar quda kuda qudalar qudagai kudagay kudaghai qudagailar dosy joldas zholdas joldastar zholdastar
	joldasy zholdasy qurby kurby qurbylar qurdas qurdastar korshiler korshisi qonaqtar konaktar qonagy konagy jetim
	zhetim jetimder egiz egizder tungysh tungghysh tungyshtar kenje kenzhe kenjeler ortanshy ortanshylar urpaq urpak
	urpaqtar aulet aeulet auletter ulys ulystar taipa taypa taipalar perzent perzentter kelinshek kelinshekter
	baibishe baybishe baibisheler otagasi otagasy otaghasi shanyraqtas shanyraktas shangyraktas ruhani rukhani
	azamatsha jamagat zhamagat jamaghat jamagattar jurt zhurt jurttar zhurttar jurty zhurty jurtshylyq zhurtshylyk
	jurtshylyk jurtshylyqtar ujym uzhym ujymdar mughalim mugalimi ustazy tarbieshiler tarbieshisi darigeri medbike
	medbikeler emshiler hirurg khirurg hirurgtar jurnalistter zhurnalistter jurnalisti zhurnalisti galymy
	zertteushiler injenerler inzhenerler injeneri inzheneri qurylysshylar jurgizushiler ashpaz ashpazdar nanshy
	nanshylar tiginshi tiginshiler shashtaraz shashtarazdar saudager saudagerler kasipkerler kasipkeri isker
	iskerler basshy basshylar direktor direktorlar mengerushi menggerushi mengerushiler kyzmetker qyzmetkerler
	jumysshy jumysshylar malshylar shopan shopandar qoishy koyshy koishy qoishylar jylqyshy zhylkyshy jylkyshy
	jylqyshylar balykshy balyqshylar anshy angshy anshylar eginshiler bagban baghban bagbandar diqan dikan diqandar
	fermerler mehanik mekhanik mehanikter elektrik elektrikter santehnik santekhnik santehnikter usta ustalar
	sheberi zerger zergerler etikshi etikshiler agashshy aghashshy agashshylar suretshiler musinshi musinshiler
	aenshi anshiler kuishiler bishiler aqyndar akyndar aqyny akyny jazushylar jyrshy zhyrshy jyrshylar termeshi
	termeshiler dombyrashy dombyrashylar akter akterler rejisser rezhisser rejisserler audarmashy audarmashylar
	zanger zangger zangerler sudia sudya sudialar polisei polisey poliseiler asker aesker askerler ofitser
	ofitserler ushqysh ushkysh ushqyshtar tenizshi tengizshi tenizshiler kitaphanashy kitapkhanashy kitaphanashylar
	garysker gharysker garyskerler oqytushy okytushy oqytushylar oqushylar okushylar oqushysy okushysy studenti
	magistrant magistranttar doktorant doktoranttar tulek tulekter talapker talapkerler sportshy sportshylar
	jattyqtyrushy zhattyktyrushy jattyktyrushy jattyqtyrushylar baluan baluandar boksshy boksshylar shahmatshy
	shakhmatshy shahmatshylar sarbaz sarbazdar qolbasshy kolbasshy qolbasshylar handar bii biy sultandar tore
	toreler qoja koja qojalar molda moldalar imam imamdar batyry ormanshy ormanshylar toqushy tokushy toqushylar
	qolonershi kolonershi qolonershiler onerpaz oenerpaz onerpazdar ziialy ziyaly ziialylar oqymysty okymysty
	oqymystylar aqylman akylman aqylmandar kompozitor kompozitorlar aranjirovshik aranzhirovshik dizainer
	dizainerler fotograftar tehnolog tehnologtar agronom agronomdar zootehnik zootekhnik zootehnikter veterinar
	veterinarlar maldariger maldarigerler mashinist baqtashy baktashy baqtashylar juzgish zhuzgish juzgishter
	jugirgish zhugirgish jugirgishter uiler uyi pater paterler pateri bolme bolmeler esik esikter esigi tereze
	terezeler terezesi qabyrga kabyrga kabyrgha qabyrgalar shatyr shatyrlar eden edender baspaldaq baspaldak
	baspaldaqtar aula aulalar qora kora qoralar bau baular baqsha baksha baqshalar bakshalar baqshasy bakshasy
	jertole zhertole jertoleler ashana ashanalar ashanasy askhana askhanalar askhanasy tosek tosekter korpe korpeler
	jastyq zhastyk jastyk jastyqtar kilem kilemder dastarhan dastarkhan dastarhandar dastarkhandar dastarhany
	dastarkhany ydys ydystar qazan kazan qazandar shainek shaynek shainekter kese keseler tostagan tostaghan
	tostagandar shomish shomishter pyshaq pyshak pyshaqtar qasyq kasyk qasyqtar shanyshqy shanyshky shanyshqylar
	tabaq tabak tabaqtar samauyr samauyrlar pesh peshter oshaq oshak oshaqtar otyn otyndar komir komirler shyraq
	shyrak shyraqtar sham shamdar aina ayna ainalar taraq tarak taraqtar sabyn sabyndar sulgi sulgiler oryndyq
	oryndyk oryndyqtar ustel ustelder sore soreler sandyqtar besik besikter qonaqui konakuy konakui qonaquiler
	konakuyler qonaquii konakuyi jataqhana zhatakkhana jatakhana jataqhanalar meken mekender kiizder keregeler uyq
	uyk uyqtar tundikter shangyrak shanyraqtar shanyraktar shanyragy bosaga bosagha bosagalar abajur abazhur qalqan
	kalkan qalqandar kilemshe kilemsheler perde perdeler jailyq zhaylyk jailyk jailyqtar tabaldyryq tabaldyryk
	tabaldyryqtar dalyz dalyzdar balkon balkondar tamaqtar tamaktar tamagy nandar nany sutter suti airan ayran
	airandar qymyzdar kymyzdar qymyzy kymyzy shubattar irimshikter qurt qurttar mailar baldar baly qant kant qanttar
	tuz tuzdar undar jarma zharma jarmalar kurish kurishter bidai biday bidailar arpa arpalar suli suliler jugeri
	zhugeri jugeriler kartop kartoptar sabiz sabizder pyiaz pyyaz pyiazdar sarymsaq sarymsak sarymsaqtar qyzanaq
	kyzanak qyzanaqtar qyiar kyyar kyiar qyiarlar qyryqqabat kyrykkabat qyryqqabattar burysh buryshtar jemister
	zhemister jemisi zhemisi jidek zhidek jidekter jangaq zhangak jangghak jangaqtar almalar almurttar oerik orikter
	shieler qarbyzdar qauyndar juzimder anar anarlar lymon apelsin apelsinder banan banandar besbarmaqtar
	bauyrsaqtar bauyrsaktar bauyrsagy qazylar shujyq shuzhyk shujyk shujyqtar sorpalar kespe kespeler palau palaular
	manty shashlyq shashlyqtar samsa samsalar lagman laghman lagmandar qattama kattama qattamalar shelpek shelpekter
	talqan talkan talqandar tosap tosaptar toqash tokash toqashtar shailar shaylar shaiy shayy kofeler susyn
	susyndar tagam tagham tagamdar tagamy meiramhana meyramkhana meiramhanalar meyramkhanalar meiramhanasy
	meyramkhanasy shaihana shaykhana shaihanalar shaykhanalar shaihanasy shaykhanasy kofehana kofekhana kofehanalar
	naubaihana naubaykhana naubaihanalar koje kozhe kojeler naurizkoje nauryzkozhe qymyzhana kymyzkhana kymyzhana
	qymyzhanalar kokonister tatti tuzdy damdi ashshy qyshqyl kyshkyl jemisti zhemisti balmuzdaq balmuzdak
	balmuzdaqtar balmuzdaktar balmuzdagy kampit kampitter torttar kiimi koilek koylek koilekter shalbar shalbarlar
	tymaq tymak tymaqtar borik borikter taqyia takyya takyia taqyialar etikter masi masiler kebister beldik
	beldikter oramal oramaldar jaulyq zhaulyk jaulyk jaulyqtar saukele saukeleler juzik zhuzik juzikter syrga syrgha
	syrgalar bilezik bilezikter monshaq monshak monshaqtar shuba shubalar shapandar kamzoldar qoloner koloner
	qolonerler kolonerler qoloneri koloneri zergerlik keste kesteler kesteshi kesteshiler ornek oernek ornekter
	ornegi oiu oyu oiular oyular oiusy oyusy ulgi ulgiler ulgisi tekemetter sirmaq sirmak sirmaqtar tuskiiz
	tuskiizder alasha alashalar taular tauy tastar tasy dalalar dalasy jazyq jazyk jazyqtar sholder oezen ozeni
	kolder koli tenizder tenizi sular susy bulaqtar bulaktar bulagy qudyqtar ormandar ormany togai toghai togailar
	agashtar agashy guli shopter japyraq zhapyrak japyrak japyraqtar sekseuil sekseuilder qaragai karagay karaghai
	qaragailar kaiyng terek terekter emen emender shyrsha shyrshalar arsha arshalar tobylgy tobylghy tobylgylar
	qamys kamys qamystar qyzgaldaq kyzgaldak kyzghaldak qyzgaldaqtar raushan raushandar jauqazyn zhaukazyn jaukazyn
	jauqazyndar qum kum qumdar shan shang shandar topyraq topyrak topyraqtar saz sazdar jartas zhartas jartastar
	ungir unggir ungirler shyn shyng shyndar asu asular jyra zhyra jyralar sai sailar jailau zhaylau jailaular
	zhaylaular jailauy zhaylauy qystau kystau qystaular sarqyrama sarkyrama sarqyramalar boran borandar dauyl
	dauyldar naiza nayza naizalar garysh gharysh garyshtar garyshy planeta planetalar kokjiek kokzhiek kokjiekter
	kempirqosaq kempirkosak kempirqosaqtar tuman tumandar shyq shyk shyqtar muz muzdar qyrau kyrau qyraular noser
	noserler samal samaldar kunder kuni ailar aylar juldyzdar juldyzy zhuldyzy aspandar aspany bulttar janbyr
	janbyrlar qarlar karlar qary kary jelder zhelder jeli zheli aiaz aiazdar tabigat tabighat tabigattar tabigaty
	alem aelem alemder alemi galam ghalam galamdar kelbet kelbetter kelbeti ajar azhar ajarlar arystandar barys
	barystar jolbarys zholbarys jolbarystar boriler qasqyrlar tulkiler aiuu ayuu aiuular qoian koyan koian qoiandar
	kirpi kirpiler bugy bughy bugylar kiik kiikter arqar arkar arqarlar tuieler tuyeler tuiesi tuyesi jylqy zhylky
	jylqylar zhylkylar jylqysy zhylkysy attar aty aigyr aygyr aigyrlar bie bieler qulyndar tai tay tailar siiyr
	siyyr siiyrlar buqalar buzau buzaular qoi qoilar koylar qoiy koyy qozy kozy qozylar eshkiler lak laqtar tobet
	tobetter tazy tazylar mysyq mysyk mysyqtar tyshqan tyshkan tyshqandar tauyq tauyk tauyqtar qoraz koraz qorazdar
	uirek uyrek uirekter balapandar qustar kustar qusy kusy burkitter qyrandar sunqarlar lashyn lashyndar qarshyga
	karshyga karshygha qarshygalar aqqular turna turnalar kogershinder karlyghash qarlygashtar torgai torghai
	torgailar bulbuldar uki ukiler qarga karga kargha qargalar baqa baka baqalar jylan zhylan jylandar kesirtke
	kesirtkeler balyq balyqtar balyktar balygy bekire bekireler shortan shortandar sazan sazandar qumyrsqa kumyrska
	qumyrsqalar kobelek kobelekter shybyn shybyndar tulpar tulparlar qulan kulan qulandar argymaq argymak arghymak
	argymaqtar jorga zhorga jorgha jorgalar maldar maly januar zhanuar januarlar zhanuarlar zhanuary ang andar
	kalalar qalasy kalasy auyldar auyly audandar audany oblystar oblysy olke oelke olkeler aimak aimaqtar aymaktar
	aimagy aymagy kentter kosheler koshesi alang alandar alany saiabak saiabaqtar sayabaktar saiabagy sayabagy
	bazarlar bazary joldar zholdar joly kopir kopirler aialdama ayaldama aialdamalar auejai auezhay aeuezhay
	auejailar auezhaylar auejaiy auezhayy temirjol temirzhol temirjoldar poiyz poyyz poiyzdar avtobus trolleibus
	trolleybus tramvai tramvay mashinalar mashinasy velosiped ushaq ushak ushaqtar keme kemeler qaiyq kayyk kaiyk
	qaiyqtar arba arbalar shana shanalar jolaushy zholaushy jolaushylar beket beketter sarai saray sarailar meshit
	meshitter meshiti gibadathana gibadatkhana ghibadathana gibadathanalar shirkeu shirkeuler kesene keseneler
	qorgan korgan korghan qorgandar qamal kamal qamaldar munara munaralar eskertkishter alleia alleya bulvar
	ortalyqtar ortalyktar ortalygy gymarat ghymarat gymarattar gymaraty zauyttar zauyty fabrikalar fabrikasy kenish
	kenishter munai munay munailar munaylar munaiy munayy elektr stantsiia zerthana zertkhana zerthanalar kitapkhana
	kitaphanalar kitapkhanalar kitaphanasy kitapkhanasy muzeiler muzeyler muzeii muzeyi teatrlar teatry kinolar
	kinosy stadiondar stadiony monsha monshalar perzenthana perzentkhana perzenthanalar sanatorii demalystar
	demalysy saiajai sayazhay saiajailar kense kengse kenseler kensesi mekeme mekemeler mekemesi seriktestik
	seriktestikter seriktestigi kompaniia kompaniialar kompaniyalar kompaniiasy kompaniyasy birlestikter birlestigi
	kogham qogamdar kogamdar qogamy kogamy jarnama zharnama jarnamalar zharnamalar jarnamasy zharnamasy garaj garazh
	qalashyq kalashyk qalashyqtar jaiaujurginshi zhayauzhurginshi trotuar dangyl dangghyl dangyldar kopqabatty
	kopkabatty shagynaudan shaghynaudan shagynaudandar shagynaudany poselke poselkeler bilimder bilimi gylymdar
	gylymy mektebi sabaqtar sabaktar sabagy synyptar pander oqulyq oqulyqtar dapter dapterler qalam kalam qalamdar
	syzgysh syzghysh syzgyshtar taqta takta taqtalar kitaby sozdik sozdikter alipbi aelipbi alipbiler arip aerip
	aripter san sandar matematika fizika himiia khimiya biologiia biologiya tarihter tarikhter tarihi tarikhi
	geografiia geografiya aedebiet adebietter adebieti tilder muzykalar muzykasy suret suretter sureti jattygu
	zhattygu jattyghu jattygular emtihan emtikhan emtihandar synaq synak synaqtar diplom attestat bakalavr
	doktorantura universitetter universiteti instituttar instituty kolledj kolledjder kolledzhder kolledji kolledzhi
	litseiler litseyler litseii litseyi gimnaziia gimnaziialar gimnaziyalar gimnaziiasy gimnaziyasy balabaqshalar
	balabakshalar balabaqshasy balabakshasy bobekjai bobekjailar bobekzhaylar bobekjaiy bobekzhayy tarbieler
	tarbiesi dastur dasturler dasturi salttar guryp ghuryp guryptar adet aedet adetter madenietter madenieti oener
	onerler oneri murajai murazhay murajailar murazhaylar murajaiy murazhayy baspa baspalar baspasy gazetter jurnal
	jurnaldar zhurnaldar jurnaly telearnalar telearnasy bagdar baghdar bagdarlar sahna sahnalar sahnasy spektakl
	oyyndar oiyny oyyny kuiler kuyler kuii kuyi ander ani jyr zhyr jyrlar dastan dastandar ertegi ertegiler ertegisi
	anyz angyz anyzdar maqal makal maqaldar matel matelder jumbaq zhumbak jumbak jumbaqtar olen oleng oeleng olender
	oleni poeziia proza roman angime anggime aenggime angimeler angimesi avtor oqyrman okyrman oqyrmandar okyrmandar
	oqyrmany okyrmany tyndarman tyngdarman tyndarmandar korermen korermender dombyra dombyralar dombyrasy qobyz
	kobyz qobyzdar kobyzdar qobyzy kobyzy sybyzgy sybyzghy sybyzgylar jetigen zhetigen jetigender dauylpaz
	dauylpazdar kernei kerney kerneiler hor sazgerlik korme kormeler kormesi jarmenke zharmenke jarmengke
	jarmenkeler zharmenkeler jarmenkesi zharmenkesi saltanat saltanattar merekeler merekesi toilar toylar toiy toyy
	merei mereiler tusaukeser tusaukeserler betashar betasharlar sundet sundetter shildehana shildekhana
	shildehanalar erulik erulikter qonaqasy konakasy qonaqasylar janajyl zhanazhyl jangajyl janajyldar sporttar
	sporty jarys zharys jarystar zharystar jarysy zharysy oyynshy oiynshylar oyynshylar oiynshysy oyynshysy
	basketbol voleibol voleybol hokkei kurester kuresi audaryspak audaryspaqtar kokparlar asyqtar togyzqumalaq
	togyzkumalak toghyzkumalak togyzqumalaqtar shahmat shakhmat shahmattar shynyqtyru shynyktyru juzu zhuzu jugiru
	zhugiru shangy shanghy shangylar konki olimpiada densaulyqtar densaulyktar densaulygy auru aurular auruhanalar
	aurukhanalar auruhanasy aurukhanasy dariler darisi emhanalar emkhanalar emhanasy emkhanasy tis tister tisi koz
	kozder kozi qulaq kulak qulaqtar muryn auyz bastar basy qoldar koldar qoly koly aiaq ayak aiak aiaqtar ayaktar
	aiagy ayagy jurek zhurek jurekter zhurekter juregi zhuregi buirek buyrek buirekter okpe oekpe okpeler qan kan
	qandar suiek suyek suiekter teriler shash shashtar shashy tansaulyq tansaulyk salauattylyq salauattylyk
	sauyqtyru sauyktyru tus tuster sagat saghat sagattar sagaty minut sekund bugin erten erteng keshe byiyl byyyl
	otken oetken bolashaq bolashak bolashaqtar bolashaktar bolashagy qazir kazir arqashan arkashan aerqashan
	duisenbi duysenbi duisenbiler seisenbi seysenbi seisenbiler sarsenbi sarsenbiler beisenbi beysenbi beisenbiler
	juma zhuma jumalar senbi senbiler jeksenbi zheksenbi jeksenbiler qantar kantar kangtar qantarlar aqpan akpan
	aqpandar sauir sauirler mamyr mamyrlar mausym mausymdar shilde shildeler tamyz tamyzdar qyrkuiek kyrkuyek
	kyrkuiek qyrkuiekter qarasha karasha qarashalar jeltoqsan zheltoksan jeltoksan jeltoqsandar uaqyttar uakyttar
	uaqyty uakyty mezgilder mezgili gasyrlar gasyry jyldar zhyldar aptalar aptasy aqshyl akshyl qyzgylt kyzgylt
	kyzghylt kulgin kogildir sur boz ala tory jiren zhiren aqboz akboz kuren kureng qaraqonyr karakonyr karakongyr
	kokshil birinshi ekinshi ushinshi tortinshi besinshi jetinshi zhetinshi segizinshi togyzynshy toghyzynshy
	onynshy million jup zhup juptar jalgyz zhalgyz jalghyz kop barlyq barlyk bari arbir aerbir eski kone ejelgi
	ezhelgi qazirgi kazirgi zamanaui kishkentai kishkentay zor ken keng alasa teren tereng taiyz tayyz ystyq ystyk
	salqyn salkyn jaryq zharyk qarangy karangy karangghy aedemi korikti asem aesem sander sandi jumsaq zhumsak
	jumsak qatty katty auyr jyldam bayau tynysh tatu meiirimdi meyirimdi mahabbat makhabbat mahabbattar makhabbattar
	mahabbaty makhabbaty suiispenshilik suyispenshilik suiispenshilikter suyispenshilikter suiispenshiligi
	suyispenshiligi quanyshty kuanyshty shynaiy shynayy berik myqty mykty qairatty kayratty kairatty shapshan
	shapshang epti bilimdi talantty daryndy tamasha gajap gazhap ghajap gajaiyp gazhayyp ghajaiyp erekshe ortaq
	ortak aimaqtyq aymaktyk aimaktyk qalalyq kalalyk auyldyq auyldyk audandyq audandyk oblystyq oblystyk alemdik
	aelemdik galamdyq galamdyk ghalamdyk soltustik ontustik ongtustik batys shygys shyghys jogargy zhogargy
	jogharghy tomengi ishki syrtqy syrtky aldyngy aldyngghy artqy artky ortangy ortangghy negizgi uli sapaly qutty
	kutty kurdeli qyzyqty kyzykty onimdi oenimdi onim oenim onimder onimi sapa sapalar taqyryp takyryp taqyryptar
	takyryptar taqyryby takyryby sheksiz manggi tynymsyz erjurek erzhurek jarqyn zharkyn shuaqty shuakty omir oemir
	omirler omiri tirshilik tirshilikter tirshiligi umit umitter umiti qyial kyyal kyial qyialdar kyyaldar qyialy
	kyyaly sezim sezimder sezimi konil kongil konilder konili jan zhan jandar zhandar jany zhany shabyt shabyttar
	shabyty namys namystar uiat uyat uiattar qurmet kurmet qurmetter kurmetter qurmeti kurmeti sagynysh saghynysh
	sagynyshtar qaigy kaygy kaighy qaigylar qorqynysh korkynysh qorqynyshtar maqtanysh maktanysh ruhaniiat
	rukhaniyat ruhaniiattar rukhaniyattar ruhaniiaty rukhaniyaty adamgershilik adamgershilikter adamgershiligi
	qonaqjailylyq konakzhaylylyk konakjailylyk qonaqjailylyqtar otanshyldyq otanshyldyk otanshyldyqtar bauyrmaldyq
	bauyrmaldyk bauyrmaldyqtar izgilik izgilikter izgiligi jaqsylyq zhaksylyk jaksylyk jaqsylyqtar zhaksylyktar
	jaqsylygy zhaksylygy tazalyq tazalyk tazalyqtar tazalyktar tazalygy turaqtylyq turaktylyk turaqtylyqtar
	jauapkershilik zhauapkershilik jauapkershilikter erikti eriktiler eriktisi eriktilik eriktilikter balalyq
	balalyk balalyqtar balalyktar balalygy zhastyktar jastygy zhastygy dostyqtar dostyktar dostygy otandar otany
	elder jerler zherler jeri zheri memleketter memleketi ukimet ukimetter ukimeti zandar zany quqyqtar kukyktar
	quqygy kukygy sottar soty saiasattar sayasattar saiasaty sayasaty demokratiia demokratiya dinder dini iman
	imandar namaz namazdar oraza orazalar medrese medreseler medresesi mazar mazarlar ziiarat ziyarat ziiarattar
	qajylyq kazhylyk kajylyk qajylyqtar duga dugha dugalar quran kuran qurandar ramazan aekimdik akimdikter akimdigi
	aekim akimder akimi maslihat maslihattar maslikhattar maslihaty maslikhaty ministrlikter ministrligi basqarmalar
	baskarmalar basqarmasy baskarmasy agenttik agenttikter agenttigi inspektsiia polisiia polisiya armiia askeri
	aeskeri shekara shekaralar shekarasy ulttyk koghamdyk jumystar zhumystar jumysy zhumysy kasipter kasibi ondiris
	oendiris ondirister ondirisi onerkasip oenerkaesip onerkasipter onerkasibi metallurgiia metallurgiya temirler
	temiri bolattar mys mystar qorgasyn korgasyn korghasyn qorgasyndar shyny shynylar kirpish kirpishter sement
	qurylystar kurylystar qurylysy kurylysy jondeu zhondeu jondeuler zhondeuler jondeui zhondeui qurastyru kurastyru
	boiau boyau boiaular boyaular boiauy boyauy jylu zhylu jylular qubyr kubyr qubyrlar sorap soraptar energetika
	sharuashylyq sharuashylyk sharuashylyqtar sharuashylyktar sharuashylygy sharua sharualar sharuasy egin eginder
	egini eginshilik eginshilikter jem zhem jemder pishen pishender jylyjai zhylyzhay jylyjailar suaru suarular aryq
	aryk aryqtar togan toghan togandar diirmen diirmender omarta omartalar saudalar saudasy jondeushi zhondeushi
	jondeushiler kurylysshylar jasau zhasau salu quru kuru osiru oesiru egu jinau zhinau pisiru ishu oynau tusinu
	soilesu soylesu tyndau tyngdau korsetu tabu izdeu osu oesu shygu shyghu tusu minu ushu demalu toqu toku tigu
	syzu oryndau bastau aiaqtau ayaktau aiaktau tyrysu oilau oylau suiu suyu kutu sagynu saghynu quanu kuanu biileu
	biyleu andetu aendetu kazakstan qazaqstandar kazakstandar qazaqstany kazakstany ozbekstan oezbekstan qyrgyzstan
	kyrgyzstan kyrghyzstan tajikstan tazhikstan turkmenstan auganstan aughanstan tatarstan bashqurtstan bashkurtstan
	kazak qazaqtar kazaktar qazagy kazagy qyrgyz kyrgyz kyrghyz qyrgyzdar ozbek oezbek ozbekter ozbegi tajik tazhik
	tajikter turkmen turkmender orys orystar tatar tatarlar uigur uygur uighur uigurlar uygurlar uigury uygury
	dungen dunghen dungender koreis koreys koreister nemis nemister

	aial ayal aialdar uul uuldor ene eneler baibiche baybiche baibicheler baike bayke baikeler ezhe eje ezheler
	karyndash karyndashtar sindi singdi sindiler tuugan tuugandar uruk uruktor tukum tukumdor uibulo uybulo
	uibulolor uilor olko olkolor mamleket mamleketter shaar shaarlar kyshtak kyshtaktar kocho kocholor aimaktar
	oblus oblustor raion raiondor dukon dukondor okuu kitep kitepter kitepkana kitepkanalar okuuchu okuuchulor ustat
	ustattar darylar darykana darykanalar oruukana oruukanalar doktur dokturlor suttor bozo bozolor zharmalar
	boorsok boorsoktor kuurdak kuurdaktar chuchuk chuchuktor maksym maksymdar chai chailar shorpo shorpolor ashkana
	ashkanalar suu suulor daryia daryya daryialar zhailoo jayloo zhailoolor tash tashtar talaa talaalar tokoi tokoy
	tokoilor zhygach jygach zhygachtar guldor kundor jyldyz zhyldyzdar asman asmandar zhamgyr jamgyr zhamgyrlar
	shamal shamaldar zhazdar kuzdor kysh kyshtar koilor echkiler myshyk myshyktar boru borulor tulku tulkulor
	aiuulor ilbirs ilbirster burkut burkuttor shumkar shumkarlar kush kushtor zhakshy jakshy jangy chon chong
	kichine biyik zhashyl jashyl kooz kubanych kubanychtar bakyttar umut umuttor suiuu suyuu suiuulor dostuk
	dostuktor tynchtyk tynchtyktar erkindikter kuttor zholdor kopuro kopurolor unaa unaalar charba charbalar dyikan
	dyykan dyikandar malchy malchylar chopondor zhumushchu jumushchu zhumushchulor zhumush jumush zhumushtor emgek
	emgekter kesip kesipter kiyiz shyrdak shyrdaktar alakiyiz bozui bozuy bozuilor tunduk tunduktor kalpak kalpaktar
	chapan chapandar komuz komuzdor manaschy manaschylar yrlar yrchy yrchylar oiun oiundor toilor mairam mayram
	mairamdar nooruz nooruzdor orozo orozolor mechit mechitter kokboru kokborulor ulak ulaktar kurosh kuroshtor
	oodarysh oodaryshtar zhigitter kuioo kuyoo kuioolor nebere nebereler choboro choborolor konshu kongshu konshulor
	konok konoktor dostor zholdosh joldosh zholdoshtor kyialdar zhurok jurok zhuroktor bash bashtar kulaktar kozdor
	ooz murun zhanylyk jangylyk zhanylyktar klass surot surottor yraaky zhakyn sapar saparlar zholoochu joloochu
	zholoochulor zheti toguz zhyiyrma jyyyrma otuz kyrk eluu altymysh zhetimish jetimish ekinchi uchunchu tortunchu
	beshinchi kyrgyzcha kazakcha oruscha ozbekche yrakmat syymyk aruu zhashtyk jashtyk zhashtar jashtar uuldar
	toolor toosu suusu zhailooloru jaylooloru okuuchular konshular kongshular aldy zhaiy jayy kerbez kelechek otmush
	bugun keche

	odam odamlar odami inson insonlar insoni erkak ayol ayollar ayoli kiz qiz qizlar qizi oghil ogil ugil oghli ogli
	ugli bola bolalar bolasi chakalok chaqaloq yigit kuyov ota otalar otasi ona onalar onasi aka uka opa singil
	singlim buva buvi bobo momo nabira amaki toga togha hola khola xola amma karindosh qarindosh dost dostlar dosti
	ortok ortoq urtoq koshni qoshni mehmon mehmonlar mehmoni oila oilalar oilasi honadon khonadon xonadon avlod
	ajdod nasl jamoa millat yurt yurtlar yurti vatan vatanlar vatani mamlakat davlat davlatlar davlati olka ulka
	viloyat viloyatlar viloyati tumanlar tumani shahar shaharlar shahari kishlok qishloq qishloqlar qishlogi mahalla
	mahallalar mahallasi kocha kochalar kochasi guzar maydon maydonlar maydoni bozor bozorlar bozori dokon dokonlar
	dokoni uylar hona khona xona hovli bog bogh boglar bogi tomorka tomorqa eshik deraza devor zina oshhona oshkhona
	oshxona oshxonalar oshxonasi choyhona choykhona choyxona choyxonalar choyxonasi mehmonhona mehmonkhona
	mehmonxona mehmonxonalar mehmonxonasi kitobhona kitobkhona kitobxona sartaroshhona sartaroshkhona sartaroshxona
	novvoyhona novvoykhona novvoyxona shifohona shifokhona shifoxona kasalhona kasalkhona kasalxona dorihona
	dorikhona dorixona ustahona ustakhona ustaxona tikuvchilik tikuvchi sartarosh novvoy oshpaz kassob qassob dehkon
	dehqon dehqonlar dehqoni bogbon boghbon chopon chorvador balikchi baliqchi ovchi haydovchi okituvchi oqituvchi
	uqituvchi oqituvchilar oqituvchisi muallim ustoz tarbiyachi shifokor shifokorlar shifokori hamshira tabib
	muhandis kuruvchi quruvchi duradgor temirchi zargar kulol rassom hunarmand hunarmandlar hunarmandi hunar
	hunarlar hunari hattot khattot xattot shoir yozuvchi olim talaba talabalar talabasi okuvchi oquvchi uquvchi
	oquvchilar oquvchisi honanda khonanda xonanda sozanda rakkosa raqqosa rejissyor muhbir mukhbir muxbir tarjimon
	hukukshunos huquqshunos sportchi murabbiy polvon chavandoz kurashchi futbolchi dasturchi kuruvchilar quruvchilar
	okituvchilar uqituvchilar yoshlar yosh keksa kariya qariya maktab maktablar maktabi kollej bogcha boghcha
	bogchalar bogchasi dars darslar darsi sinf darslik kitob kitoblar kitobi daftar ilm fan talim tarbiya bilimlar
	marifat madaniyat madaniyatlar madaniyati sanat tarix adabiyot adabiyotlar adabiyoti tillar sher doston ertak
	makol maqol koshik qoshiq qoshiqlar qoshigi raks raqs korgazma bayram bayramlar bayrami toyi navroz hayit
	ramazon kurbon qurbon masjid masjidlar masjidi madrasa madrasalar madrasasi makbara maqbara ziyorat duo namoz
	roza iymon ijod ijodlar ijodi ijodkor musika musiqa musiqalar musiqasi cholghu cholgu dutor doira rubob ghijjak
	gijjak nay karnay surnay osh palov palovlar palovi somsa manti laghmon lagmon shorva kabob shashlik chuchvara
	dimlama norin halim sumalak tandir gosht katik qatiq kaymok qaymoq sariyog sariyogh pishlok pishloq tuhum tukhum
	tuxum asal shakar guruch bugdoy bughdoy makkajohori makkajokhori makkajoxori sabzi piyoz sarimsok sarimsoq
	pomidor bodring karam kovun qovun tarvuz olma nok urik shaftoli gilos olcha anjir hurmo khurmo xurmo limon
	yonghoq yongok yongoq bodom pista mayiz meva mevalar mevasi sabzavot choy kahva qahva sharbat suv ovkat ovqat
	ovqatlar ovqati taom taomlar taomi shirinlik patir nonvoy oshhonasi oshkhonasi mazali shirin achchik achchiq
	nordon kiyim kiyimlar kiyimi doppi ton koylak shim romol adras shoyi pahta pakhta paxta jun gilam sozana kashta
	beshik kulolchilik zargarlik naksh naqsh naqshlar naqshi kandakorlik yoghoch yogoch oymakorlik uymakorlik tabiat
	tabiatlar tabiati tog togh toglar togi tosh toshlar toshi dasht chol daryo daryolar daryosi kollar dengiz soy
	bulok buloq buloqlar bulogi kuduk quduq arik ariq ormon urmon daraht darakht daraxt daraxtlar daraxti gullar
	chinor terak archa lola atirgul rayhon yaprok yaproq osmon osmonlar osmoni kuyosh quyosh quyoshlar quyoshi
	yulduz yulduzlar yulduzi bulut yomghir yomgir shamol tuprok tuproq bahor bahorlar bahori yoz kish qish ertalab
	kechkurun kechqurun hafta vakt vaqt soat fasl yilnoma hayvon hayvonlar hayvoni sigir hokiz echki tuya eshak
	mushuk kuyon quyon ayik ayiq yolbars burgut lochin kaldirgoch qaldirghoch qaldirgoch kaptar tovuk tovuq horoz
	khoroz xoroz ordak urdak ghoz goz balik baliq asalari kapalak chumoli laylak semurg semurgh tulpor arslon kiyik
	otlar otlik otliq yangi katta kichik uzun kiska qisqa baland yahshi yakhshi yaxshi yomon chiroyli gozal issik
	issiq sovuk sovuq ilik iliq toza kizil qizil sarik sariq yashil moviy kulrang jigarrang pushti binafsha kumush
	mis kuchli ajoyib buyuk ulug ulugh aziz mehribon dono aklli aqlli kuvnok quvnoq bahtli bakhtli baxtli hursand
	khursand xursand tinch osoyishta mustakil mustaqil milliy markaziy shimoliy janubiy sharkiy sharqiy garbiy
	gharbiy asosiy birinchi ikkinchi uchinchi yagona umumiy zamonaviy kadimiy qadimiy tarihiy tarikhiy tarixiy ilmiy
	madaniy tibbiy tehnik tekhnik texnik mahalliy ikki uch besh olti yetti sakkiz tokkiz toqqiz yigirma ottiz uttiz
	kirk qirq ellik oltmish yetmish sakson tokson toqson yuz ming baht bakht baxt baxtlar baxti muhabbat muhabbatlar
	muhabbati sevgi sevgilar sevgisi dostlik dostliklar dostligi tinchlik tinchliklar tinchligi ozodlik ozodliklar
	ozodligi mustakillik mustaqillik mustaqilliklar mustaqilligi birliklar birligi umid umidlar umidi orzu orzular
	orzusi kuvonch quvonch quvonchlar quvonchi shodlik shodliklar shodligi gozallik gozalliklar gozalligi hojalik
	khojalik xojalik xojaliklar xojaligi dehkonchilik dehqonchilik chorvachilik bogdorchilik boghdorchilik
	pahtachilik pakhtachilik paxtachilik hunarmandchilik tokimachilik toqimachilik kurilish qurilish qurilishlar
	qurilishi sanoat sanoatlar sanoati korhona korkhona korxona korxonalar korxonasi ishhona ishkhona ishxona idora
	idoralar idorasi muassasa muassasalar muassasasi tashkilot tashkilotlar tashkiloti jamiyat jamiyatlar jamiyati
	uyushma birlashma markaz markazlar markazi guruh guruhlar guruhi savdo savdolar savdosi mehnat mehnatlar mehnati
	kasblar ishchi ishchilar ishchisi ustachilik tamirlash tamir kurilishi sughorish sugorish ekin hosil hosillar
	hosili dalasi issikxona issiqhona issiqkhona issiqxona tegirmon novvoyhonasi novvoykhonasi novvoyxonasi dushanba
	seshanba chorshanba shanba yakshanba ozbekiston uzbekiston ozbekistonlar ozbekistoni kozogiston qozoghiston
	qozogiston kirgiziston qirghiziston qirgiziston tojikiston turkmaniston korakalpogiston qoraqalpoghiston
	qoraqalpogiston uzbek ozbeklar kozok qozoq kirgiz qirghiz qirgiz tojik turkman korakalpok qoraqalpoq rus

	lyudey narodu rebenok rebyonok detey detskie detskikh detstvo malysh malyshi malyshka mamy papy roditeli otets
	materi synovya doch docheri brat brata bratya sestra sestry sestrenka babushka babushki dedushka dedushki vnuk
	vnuki vnuchka dyadya tetya plemyannik muzh zhena zhenshchina muzhchina muzhchiny devushka devushki paren parni
	yunosha molodye molodost starshiy mladshiy druzhnaya semyi semeynoe sosed sosedi gost gosti gostey khozyain
	khozyayka zemlyak zemlyaki zhiteli zhitel narodov kollektiv kollega kollegi komandy uchitel uchitelya
	prepodavatel vospitatel vospitateli rukovoditel nachalnik menedzher sotrudnik sotrudniki rabotnik rabotniki
	stroiteli elektromontazh elektromontazhnyy svarshchik svarka tokar slesar plotnik stolyar stolyarnyy stolyarnaya
	malyar shtukatur kamenshchik krovelshchik montazhnik avtomekhanik voditel voditeli shofer traktorist kombayner
	vetvrach povar povara pekar ofitsiant barmen parikmakher stilist vizazhist manikyurshchitsa massazhist
	kosmetolog instruktor khoreograf muzykant pevets pevitsa aktyor aktrisa khudozhnik skulptor redaktor
	korrespondent bibliotekar uchenyy uchenye dotsent aspirant studenty studentka shkolnik shkolniki uchenik
	ucheniki uchenitsa vypusknik vypuskniki abiturient pedagog pedagogi vrachi terapevt pediatr ginekolog kardiolog
	nevrolog okulist farmatsevt provizor medsestry sidelka nyanya inzhenery tekhnolog konstruktor proektirovshchik
	geolog geodezist shakhter metallurg neftyanik energetik elektriki programmist sistemnyy dizaynery arkhitektory
	yuristy notariusy advokaty ekspert kuznets chasovshchik sapozhnik portnoy portnikha shveya tkach gonchar rezchik
	sadovnik ogorodnik fermery pchelovod rybaki okhotnik lesnik chaban pastukh konyukh doyarka ptichnitsa domik
	domashniy domashnyaya domashnee domashnie zhilye zhilishche zhiloy zhilaya zhiloe zhilishchnyy komnata komnaty
	kukhni spalnya gostinaya prikhozhaya vannaya tualet lodzhiya podval cherdak terrasa veranda besedka kamin pech
	stol stoly stul stulya kreslo kresla divan divany krovat krovati shkaf shkafy polka polki komod tumba zerkalo
	zerkala kover kovry shtory zanaveski podushki odeyala matras matrasy posuda tarelka tarelki chashka chashki
	lozhka lozhki vilka nozh nozhi kastryulya skovoroda chaynik samovar utyug pylesos kholodilnik plita dukhovka
	mikrovolnovka stiralnaya posudomoechnaya bytovaya lampa lampy lyustra lyustry svetilniki osveshchenie rozetki
	vyklyuchateli kabel provoda elektrotovary khoztovary khozyaystvennyy khozyaystvennye produktovyy produktovaya
	lavka lavki kiosk rynok rynki rynka torgovyy torgovaya torgovoe torgovye torgovlya optom optovyy optovaya
	optovye roznitsa roznichnyy tovar tovary tovarov assortiment gastronom bakaleya myasnoy myasnaya myasnye
	molochnaya molochnye ovoshchnoy fruktovyy fruktovaya khlebnaya khlebozavod khlebopekarnya vypechka pirogi
	pirozhki bliny pelmeni shaurma shaverma shawarma doner lavash lepeshka lepeshki kolbasa kolbasy kolbasnyy
	sosiski syry syrnyy tvorog kefir smetana slivki maslo yaytsa yaytso krupa krupy muka makarony konservy napitki
	mineralnaya limonad kvas kofeynya chaynaya chaykhana konfety shokolad shokoladnyy morozhenoe sladosti sladkiy
	sladkaya vostochnye pitstseriya pitstsa burgernaya rolly lapsha kuritsa kurinyy govyadina baranina konina
	ovoshchnaya kartofel kartoshka morkov luk chesnok kapusta pomidory ogurtsy perets ris grechka dynya dyni
	vinograd abrikos abrikosy persik persiki vishnya chereshnya sliva slivy grusha grushi yablochnyy limony apelsiny
	mandariny banany yagodnyy orekh orekhovyy sukhofrukty pryanosti spetsii chaynyy kofeynyy kafeshka bufet
	zakusochnaya shashlychnaya blinnaya pelmennaya kulinarnyy kulinarnaya trapeza obed obedy uzhin zavtrak zavtraki
	banketnyy banketnaya tsvetochnyy tsvetochnaya buket bukety floristika kantstovary kantselyariya knizhnyy
	knizhnaya igrushki igrushka detskiye odezhdy obuvi obuvnoy obuvnaya chasovoy yuvelirnyy yuvelirnaya yuvelirnye
	ukrasheniya bizhuteriya parfyumeriya ochki linzy zoomagazin zootovary korma semena rassada sadovyy sadovaya
	sadovye ogorodnyy udobreniya rybalka okhota sporttovary turisticheskiy turisticheskaya stroymaterialy
	stroymarket materialy kirpich kirpichnyy tsement tsementnyy pesok shcheben gravii armatura metalloprokat truby
	trubnyy profnastil cherepitsa krovlya krovelnyy krovelnye fasad fasadnyy fasadnye uteplitel gipsokarton laminat
	linoleum parket keramika keramicheskiy keramogranit oboi laki vanny dush smesiteli kotly kotel radiatory nasos
	nasosy krepezh plastikovye metalloplastikovye zhalyuzi rolstavni vorota zabory zabor setka teplitsy polikarbonat
	pilomaterialy doski brus fanera kukhonnyy kukhonnaya kupe mebelnyy mebelnaya myagkaya korpusnaya interer
	interernyy shtornyy potolki natyazhnye stroyka stroitelnye stroitelnoe otdelka otdelochnye remontnaya remontnye
	montazhnyy montazhnaya demontazh proektnyy proektnaya proektirovanie izyskaniya blagoustroystvo ozelenenie
	landshaftnyy dorozhnyy dorozhnaya dorozhnoe asfalt asfaltnyy burenie skvazhiny kolodtsy vodoprovod kanalizatsiya
	teplosnabzhenie vodosnabzhenie elektrosnabzhenie elektrotekhnika avtomatika slabotochnye sistemy klimaticheskiy
	konditsioner ventilyatsionnyy otopitelnyy kotelnaya avtomobilnyy avtomobilnaya avtomoyki avtoremont avtostekla
	avtoelektrik avtozvuk avtorynok avtopark avtotsentr avtokhimiya akkumulyatory avtomasla masla shinnyy kuzovnoy
	kuzovnaya pokraska rikhtovka vulkanizatsiya razval skhod tyuning spetstekhnika traktory traktor kombayn
	selkhoztekhnika agrotekhnika pritsepy vilochnyy pogruzchiki ekskavator kran krany mototsikly mototekhnika
	velosipedy lodki katera yakhty neftyanoy neftyanaya gazovyy gazovaya gornyy gornaya gornodobyvayushchiy
	metallurgicheskiy mashinostroitelnyy mashinostroenie energeticheskiy elektrostantsiya teplovaya ugol ugolnyy
	rudnik shakhta shakhty khimicheskiy stekolnyy derevoobrabotka lesopilka tekstilnyy tekstilnaya shveynyy
	shveynaya shveynoe trikotazh kozhevennyy mekhovoy mukomolnyy ptitsefabrika teplichnyy teplichnoe molokozavod
	myasokombinat konservnyy zernovoy selskiy selskaya selskoe selskie selskokhozyaystvennyy agrarnaya agrarnyy
	fermerskoe fermerskiy plemennoy plemzavod konnyy konezavod ovtsevodstvo zhivotnovodstvo rastenievodstvo
	sadovodstvo pchelovodstvo pasika rybnoe rybovodstvo polivnoy orosheniye urozhay posev uborochnaya zhatva
	uchebnyy uchebnaya uchebnoe uchebnye obrazovatelnaya obrazovatelnoe obuchayushchiy razvivayushchiy
	razvivayushchaya shkolnyy shkolnaya shkolnoe shkolnye detsada detsady vospitanie doshkolnyy doshkolnoe kursov
	yazykovoy yazykovaya angliyskiy angliyskogo angliyskaya kazakhskogo russkogo nemetskiy frantsuzskiy kitayskiy
	koreyskiy turetskiy arabskiy informatika programmirovanie robototekhnika shakhmatnyy shakhmatnaya muzykalnoe
	khudozhestvennyy khudozhestvennaya tvorchestvo tvorcheskiy tvorcheskaya tvorcheskoe teatralnyy teatralnaya
	filarmoniya kontsertnyy kontsertnaya kultury yarmarka yarmarki vystavochnyy vystavochnaya kraevedcheskiy
	etnograficheskiy arkheologicheskiy arkheologiya pamyatnik pamyatniki memorialnyy nasledie traditsii
	traditsionnyy obychai prazdnichnyy prazdnichnaya torzhestvennyy novogodniy rozhdestvenskiy vesenniy letniy
	osenniy zimniy zimnyaya letnyaya vesennyaya osennyaya issledovatelskaya innovatsionnyy innovatsii tekhnopark
	tekhnologicheskiy laboratorii pedagogicheskiy pedagogicheskaya universitetskiy studencheskiy studencheskaya
	akademicheskiy akademicheskaya gumanitarnyy yuridicheskiy yuridicheskaya kolledzha litseya gimnazii uchilishcha
	shkol knig knizhka skazka skazki skazochnyy volshebnyy volshebnaya chudo chudesa chudesnyy raduga rodnik
	zvezdochka solnyshko kolokolchik romashka rodnichok sportivnoe sportivnye fizkultura zdorovaya zdorovoe fitnes
	trenazhernyy trenazhernaya bassejn plavatelnyy tennisnyy futbolnyy futbolnaya basketbolnyy voleybolnyy
	khokkeynyy ledovyy ledovaya lyzhnyy lyzhnaya gornolyzhnyy gornolyzhnaya boevye edinoborstva dzyudo taekvondo
	gimnastika akrobatika tantsevalnyy tantsevalnaya baletnaya strelkovyy konnaya ippodrom velosport turklub
	alpinizm alpinistskiy rybolovnyy okhotnichiy okhotnichya otdykha baza pansionaty plyazh plyazhnyy akvapark
	attraktsiony zoopark tsirk igrovoy igrovaya razvlekatelnyy razvlekatelnaya dosug kluba kluby meditsinskoe
	meditsinskie lechebnyy lechebnaya ozdorovitelnyy ozdorovitelnaya reabilitatsiya reabilitatsionnyy
	diagnosticheskiy stomatologicheskiy stomatologicheskaya zubnoy zubnaya zuby analizy rentgen massazh massazhnyy
	kosmetologiya manikyur pedikyur krasota krasoty banya bani sauna solyariy barbershop tsiryulnya veterinarnaya
	veterinarnyy vetklinika vetapteka akusherstvo roddom polikliniki bolnitsy ambulatoriya feldsherskiy
	zdravookhranenie sanitarnyy sanitarnaya gigiena avtovokzal vokzaly zheleznodorozhnyy zheleznaya rechnoy morskoy
	morskaya pristan aerodrom avtobusnyy avtobusy marshrutka taksopark avtostantsiya trassa trassy shosse mosty
	ploshchadi ulitsy prospekty naberezhnaya skver parki kvartal mikrorayon poselka sela derevni auly gorodok
	gorodskoe gorodskie stolitsa stolichnyy stolichnaya priroda prirodnyy prirodnaya prirodnoe zapovednik zapovednyy
	lesnoy lesnaya rechka reki ozera ozernyy khrebet dolina doliny kanyon ushchele vodopad istochnik rodniki stepi
	stepnaya pustynya peski barkhany oazis bereg berega ostrov poluostrov zaliv ravnina kholm kholmy sopka sopki
	lednik ledniki pogoda solnechnyy solnechnaya solnechnoe zvezdnyy zvezdnaya lunnyy nebesnyy nebesnaya vetrenyy
	snezhnyy snezhnaya leta osenyu zimoy tsvetushchiy zelenye zelenoe rozy tyulpany siren akatsiya topol topolya
	beryoza bereza berezka sosna sosny dub klen iva karagach saksaul polyn kovyl orly berkut sokoly lebed lebedi
	zhuravl zhuravli golub golubi solovey sova voron skvorets koni loshadi zherebenok verblyud verblyudy barany
	ovtsy byk telenok svini petukh utki gusi kroliki sobaki koshki kotenok shchenok lisitsa volki medvedi sayga
	irbis bars tigr goluboy golubaya goluboe oranzhevyy oranzhevaya fioletovyy rozovyy rozovaya seryy seraya
	korichnevyy bezhevyy biryuzovyy izumrudnyy yantarnyy rubinovyy zhemchuzhnyy serebristyy yarkiy yarkaya tikhiy
	tikhaya milyy milaya nezhnyy nezhnaya laskovyy vernyy prochnyy krepkiy silnyy silnaya bystryy komfortnyy uyutnyy
	uyutnaya prekrasnyy prekrasnaya chudesnaya yasnyy yasnaya radostnyy radostnaya druzhnyy luchshiy luchshaya
	vysshiy vysshaya vysokiy vysokaya nizkiy dlinnyy shirokiy shirokaya glubokiy dalniy blizkiy blizkaya molodoy
	molodaya molodoe vechnyy vechnaya istinnyy nastoyashchiy nastoyashchaya otlichnyy otlichnaya legkiy legkaya
	prostoy prostaya svezhiy svezhaya svezhee naturalnyy naturalnaya organicheskiy ekologicheskiy ekologicheskaya
	chistoe chistye svetloe svetlye derevyannyy derevyannaya kamennyy kamennaya steklyannyy metallicheskiy
	plastikovyy kozhanyy sherstyanoy almatinskiy almatinskaya astaninskiy astaninskaya karagandinskiy
	karagandinskaya pavlodarskiy pavlodarskaya kostanayskiy kostanayskaya aktyubinskiy aktyubinskaya atyrauskiy
	atyrauskaya mangistauskiy mangistauskaya kyzylordinskiy kyzylordinskaya shymkentskiy shymkentskaya turkestanskiy
	turkestanskaya zhambylskiy zhambylskaya akmolinskiy akmolinskaya semipalatinskiy uralskiy uralskaya sibirskiy
	altayskiy altayskaya aziatskiy aziatskaya kirgizskiy kyrgyzskiy kyrgyzskaya uzbekskiy uzbekskaya tadzhikskiy
	turkmenskiy tatarskiy ukrainskiy nemetskaya koreyskaya kitayskaya turetskaya yaponskiy yaponskaya italyanskiy
	italyanskaya frantsuzskaya amerikanskiy evropeyskiy evropeyskaya vostochnaya vostochnoe zapadnaya yuzhnaya
	severnaya tsentralnoe severo yugo obshchestvennye assotsiatsii fondy soyuzy kooperativ kooperativnyy
	grazhdanskiy grazhdane grazhdanin zhiteley mestnyy mestnaya mestnoe oblastnoe oblastnye rayonnoe rayonnye
	respublikanskoe gorodskogo oblastnogo rayonnogo narodnye narodnogo sovetskiy sovremennyy sovremennaya
	sovremennoe istoricheskaya istoricheskoe kulturnoe kulturnye dukhovnyy dukhovnaya dukhovnoe pravoslavnyy khram
	sobor tserkov tserkovnyy mechet mecheti monastyr chasovnya yanvar fevral mart aprel iyun iyul avgust sentyabr
	oktyabr noyabr dekabr ponedelnik vtornik sreda chetverg pyatnitsa subbota voskresenye voskresene segodnya zavtra
	vchera utrom vecherom mesyatsa nedeli

	abay abai akmola aqmola aqtobe aktyubinsk zhambyl jambyl zhambil zhetysu jetisu zhetisu jetysu qostanay kostanai
	qostanai mangystau mangistau mangyshlak manggystau ulytau ulitau turkistan qaragandy karagandy kzylorda
	qyzylorda ustkamenogorsk semipalatinsk semei petropavlovsk aqtau temirtau koksetau kokchetav taldyqorgan rudnyy
	rudny jezkazgan zhezqazghan balkhash balqash balhash satpayev satbayev satpaev kentau ridder stepnogorsk
	lisakovsk arkalyk arqalyq zhanaozen janaozen zhanauzen kulsary qulsary konayev konaev qonaev kapshagay kapchagay
	qapshaghay saran shakhtinsk shahtinsk karazhal priozersk shchuchinsk shuchinsk burabay borovoe kosshy issyk
	talgar kaskelen qaskelen zharkent jarkent ushtobe tekeli sarkand sarqand usharal ayagoz ayakoz zaysan zaisan
	shemonaikha zyryanovsk kurchatov ekibastus bayqongyr aral aralsk kazalinsk zhanakorgan shieli zhosaly sayram
	saryagash zhetysay zhetisay lenger arys shardara karatau qaratau zhanatas kordai merke zhitikara derzhavinsk
	atbasar makinsk ereymentau esil yesil aksay aqsay khromtau hromtau kandyagash qandyaghash emba shalkar shalqar
	beyneu beineu inderbor makat dossor bulayevo mamlyut taiynsha sergeyevka kokpekty karkaraly qarqaraly bayanaul
	bayanauyl zhayrem kashagan karachaganak akkol aqkol akkul kokpekti katonkaragay urzhar makanchi aktogay aqtoghay
	ertis irtysh ishim syrdariya syrdarya zhayyk zhaiyk tobyl tobol nura sarysu sharyn charyn turgay karatal lepsy
	bukhtarma alakol markakol kaindy qaiyndy kolsay kolsai sasykkol tarbagatay tarbagatai belukha shymbulak
	chimbulak kyzylkum qyzylqum betpakdala saryarka saryarqa ustyurt moiynkum moyinkum zhabagly aksuzhabagly altay
	altai zhongar zhungar jungar dzhungar ilealatau auezov auezovskiy bostandyk bostandyq nauryzbay turksib
	almalinskiy medeuskiy zhetysuskiy alatauskiy esilskiy saryarkinskiy baikonurskiy karasay qarasay iliyskiy
	talgarskiy bishkek jalalabad zhalalabad djalalabad karakol przhevalsk naryn talas batken tokmok tokmak karabalta
	balykchy balykchi cholponata issykkul ysykkol chuy chui kyzylkiya uzgen karasuu kochkor atbashy toktogul
	suusamyr alaarcha sonkul songkol chatyrkul sarychelek kemin tashkomur mailuusuu kerben nookat aravan kadamjay
	sulukta isfana bokonbaev tamga tyup sokuluk belovodskoe ivanovka lebedinovka alamedin alatoo tianshan tyanshan
	pamir alay kirgiziya kyrgyzstana bishkekskiy oshskiy toshkent tashkent samarqand samarkand buxoro bukhara buhara
	xiva khiva hiva xorazm khorezm horezm fargona fergana ferghana andijon andijan namangan qoqon kokand margilon
	margilan jizzax jizzakh djizak sirdaryo guliston gulistan navoiy navoi qarshi karshi qashqadaryo kashkadarya
	surxondaryo surkhandarya termiz termez nukus karakalpakstan urganch urgench shahrisabz shakhrisabz kattaqorgon
	chirchiq chirchik angren olmaliq almalyk bekobod bekabad zarafshon zarafshan denov chimyon chimgan chorvoq
	charvak amudaryo amudarya orol yangiyol nurafshon guzor muynoq moynaq xonobod quvasoy rishton shahrixon
	uchqorgon chust kosonsoy yangiyer zomin baxmal forish nurota uchquduq karmana kogon gijduvon vobkent romitan
	olot qorakol karakul beruniy tortkol xojayli chimboy qongirot xazorasp gurlan xonqa shovot uzbekistan
	toshkentskiy tashkentskiy samarkandskiy tajikistan tadzhikistan dushanbe khujand turkmenistan ashgabat ashkhabad
	orenburg omsk novosibirsk barnaul astrakhan tyumen chelyabinsk ekaterinburg yekaterinburg moskva moskovskiy
	urumqi urumchi kashgar

	aidos aibek aidar almas almat amir ansar arsen asan askhat asylbek aslan ayan azat bakhyt baurzhan bauyrzhan
	beibit beybit bekzat dauren darkhan dinmukhamed duman erbol erzhan ermek erkebulan eldos gani islam kairat kanat
	madi medet miras mukhtar murat nurbol nurzhan olzhas rustem sabit sanzhar sayat serikbol sungat talgat temirlan
	tokhtar ulan yerlan yerbol yerzhan zhandos zhanibek zhasulan nurlybek abylay abylai bakytzhan ernar nursat samat
	serzhan zhomart zhanat aida aigul ainur akbota aknur akmaral aruzhan ayaulym assel aisulu aizere balnur botagoz
	dariga dilnaz dinara gaukhar gulmira gulzhan indira kamila kuralai laura madina makpal meruert moldir nazerke
	nurgul perizat sandugash symbat togzhan tomiris ulzhan zhanar zarina zhansaya anel inkar kamshat mariyam nazym
	nurila aiym ayim kenesary kabanbay bogenbay raiymbek kazybek aiteke ayteke makhambet isatay shokan magzhan
	akhmet alikhan abylaikhan alisher bahodir bakhodir bekzod dilshod doniyor farrux farrukh jahongir javlon jasur
	rustam sardor sherzod shoxrux shokhrukh ulugbek oybek otabek sanjar temur zafar zokir xurshid khurshid akmal
	bobur babur islom ilhom jamshid komil nodir rahim ravshan shavkat shuhrat dilnoza dildora gulnora kamola malika
	mohira nigora nilufar nodira sevara shahlo shahnoza umida zuhra feruza gulchehra munisa mohinur sitora diyora
	hilola barno ibnsino xorazmiy farobiy mirzo almazbek bektur chyngyz chingiz kanybek kubanychbek nurbek sooronbay
	talant tilek urmat aidai aizada ainura begimay cholpon elnura gulzat kanykey nazgul nurzhamal saikal zhazgul
	meerim aikerim manas semetey seytek kurmanjan aitmatov aleksandr alexander sasha aleksey alexey andrey anton
	artem artyom boris vadim valentin valeriy vasiliy viktor vitaliy vladimir vladislav vyacheslav gennadiy georgiy
	grigoriy denis dmitriy dmitry evgeniy yevgeny igor ilya kirill konstantin leonid maksim maxim mikhail nikita
	nikolay oleg pavel petr semen sergey stanislav stepan fedor yuriy yaroslav anastasiya alina alla valentina
	viktoriya galina darya ekaterina yekaterina elizaveta inna kristina kseniya larisa lidiya lyudmila marina
	natalya natalia nina oksana polina svetlana sofiya tamara tatyana tatiana ulyana yuliya yana ivanov petrov
	sidorov smirnov kuznetsov popov vasilyev mikhaylov novikov fedorov morozov volkov alekseev lebedev semenov
	egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov zaytsev solovyev borisov yakovlev
	grigoryev romanov vorobyev sergeev kuzmin frolov aleksandrov dmitriev korolev gusev kiselev ilyin maksimov
	polyakov sorokin vinogradov kovalev belov antonov tarasov zhukov baranov filippov komarov davydov belyaev
	gerasimov bogdanov osipov kovalenko shevchenko bondarenko tkachenko kravchenko melnik akhmetov abenov omarov
	ospanov sadykov sarsenbayev suleimenov bekov ermekov iskakov ismailov kairatov kassymov mamyrov rakhimov
	sultanov tulegenov utegenov zhakupov zhumabayev baimukhanov baitursynov bokeikhanov valikhanov kunayev
	mukhametzhanov karimov yusupov usmanov abdullayev aliyev ismoilov tursunov rashidov nazarov saidov ergashev
	mirzayev nurmatov yuldashev sobirov qodirov hasanov husanov ahmedov mahmudov murodov normatov rustamov sharipov
	umarov zokirov asanov usenov sadyrov abdrakhmanov toktogulov bakirov kadyrov mamatov osmonov pushkin lermontov
	tolstoy gogol chekhov dostoevskiy gagarin

	industries industrial enterprise enterprises technologies technology innovations innovative builders
	constructions developer developers properties residential estates metals minerals chemicals chemical plastics
	packaging advertising management partners associates consultants engineers machinery instruments electronics
	electrical lighting solar hydro thermal cooling ventilation conditioning windows doors floors roofs kitchens
	bathrooms furnishing textiles fabrics garments apparel clothing footwear leather wool linen carpets rugs crafts
	handmade artisan ceramics stones woodwork signs diagnostics pharm pharma pharmaceutical hearing rehab
	rehabilitation preschool schools colleges lyceum gymnasium languages museums concerts festivals weddings
	restaurants cafes bakeries confectionery pastry poultry seafood vegetables fruits grains cereal nuts spices
	herbs farming farms farmers vineyard livestock cattle horses camels pastures yurts felt nomadic steppes
	mountains rivers lakes valleys gardens parks blossom sunflower apricot almond walnut pomegranate saffron
	orchards meadows glacier springs highlands plateau oases caravans caravanserai bazaars artisans embroidery
	jewellery goldsmith tailoring sewing knitting weaving carpentry joinery welding masonry paving asphalt drilling
	geology mapping planning interiors renovation remodeling repairs maintenance installation fabrication machining
	foundry forging casting mills seeds fertilizer irrigation greenhouses creamery butchery cannery distillery
	bottling beverages juices drinks snacks noodles dumplings kitchenware tableware cookware appliances furnishings
	bedding curtains lamps stationery puzzles sporting outdoor hiking fishing hunting climbing riding equestrian
	stables kennel grooming aquarium botanical arboretum planetarium chorus films movies cartoons comics painters
	sculptors sculptures photographers studios designers architects architectural urbanism learning teaching
	teachers tutors mentors pupils students graduates alumni researchers scientific laboratories doctors dentists
	orthodontics pediatric cardiology neurology oncology surgery surgical clinics hospitals maternity physiotherapy
	massage bathhouse hairdressing salons cosmetics perfume fragrance skincare manicure gyms sambo fencing archery
	shooting rowing sailing futsal badminton athletics stadiums arenas league championship tournament olympiad
	academies daycare playground families elders veterans neighbours neighborhood communities villages towns cities
	regions districts streets avenues squares bridges highways railroad stations airports harbours harbors
	lighthouse coastline riverside lakeside hillside mountainside countryside seaside woodland grassland wetlands
`)
