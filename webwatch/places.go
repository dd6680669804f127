package webwatch

// placeWords are the region's places that names are made with: the cities
// and regions of Kazakhstan, Kyrgyzstan and Uzbekistan, in the Latin
// spellings people type. They are ordinary words (the lexicons hold them
// too), but not the kind that makes a strict name part of a phrase: a
// city is what a look-alike puts beside a brand to pass for its branch
// (a bank's name, a city and a word no list knows), as often as an honest
// business does. Written from general knowledge of the region.
var placeWords = words(`
	kazakhstan qazaqstan kazahstan kz astana nursultan akmola aqmola almaty alma ata almaata shymkent
	chimkent karaganda karagandy qaraghandy aktobe aqtobe aktyubinsk taraz zhambyl jambyl pavlodar
	oskemen ust kamenogorsk ustkamenogorsk semey semei semipalatinsk atyrau kostanai kostanay qostanay
	kyzylorda qyzylorda oral uralsk petropavl petropavlovsk aktau aqtau mangystau mangghystau temirtau
	turkistan turkestan kokshetau kokshetau taldykorgan taldyqorghan ekibastuz rudny rudnyi zhezkazgan
	jezkazgan balkhash balqash konaev kapchagai kapshagay zhanaozen janaozen satpayev kulsary
	shchuchinsk stepnogorsk abai abay zhetisu jetisu ulytau sairam saryagash kentau arys zhetysai
	kyrgyzstan qyrgyzstan kirgizia bishkek osh jalalabad jalal abad karakol naryn talas batken tokmok
	uzgen kant cholponata issykkul ysykkol chui chuy
	uzbekistan ozbekiston toshkent tashkent samarqand samarkand buxoro bukhara buhara xiva khiva
	andijon andijan namangan fargona fergana qarshi karshi nukus termiz termez jizzax jizzakh navoiy
	navoi guliston gulistan urganch urgench qoqon kokand margilon chirchiq angren olmaliq xorazm
	khorezm surxondaryo qashqadaryo sirdaryo karakalpakstan qoraqalpogiston
	moskva moscow russia rossiya tashkentskiy almatinskiy astaninskiy
`)
