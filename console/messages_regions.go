package console

import (
	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/cases"
)

// The names of the country's regions and the titles the cases service writes,
// merged into the catalogue. A region is keyed by the name reports give it
// (cases.Regions); a name off that list shows as filed.
func init() { addMessages(enRegions, ruRegions, kkRegions) }

var enRegions = map[string]string{
	"region.Astana": "Astana", "region.Almaty": "Almaty", "region.Shymkent": "Shymkent",
	"region.Abai": "Abai Region", "region.Akmola": "Akmola Region", "region.Aktobe": "Aktobe Region",
	"region.Almaty Region": "Almaty Region", "region.Atyrau": "Atyrau Region",
	"region.East Kazakhstan": "East Kazakhstan Region", "region.Jambyl": "Jambyl Region", "region.Jetisu": "Jetisu Region",
	"region.Karaganda": "Karaganda Region", "region.Kostanay": "Kostanay Region", "region.Kyzylorda": "Kyzylorda Region",
	"region.Mangystau": "Mangystau Region", "region.North Kazakhstan": "North Kazakhstan Region",
	"region.Pavlodar": "Pavlodar Region", "region.Turkistan": "Turkistan Region", "region.Ulytau": "Ulytau Region",
	"region.West Kazakhstan": "West Kazakhstan Region",
	"ctitle.untitled":        "Case without a title", "ctitle.fraud": "Fraud",
	"ctitle.group": "Organised group %s: %s victims", "ctitle.report": "%s, %s",
}

var ruRegions = map[string]string{
	"region.Astana": "Астана", "region.Almaty": "Алматы", "region.Shymkent": "Шымкент",
	"region.Abai": "Абайская область", "region.Akmola": "Акмолинская область", "region.Aktobe": "Актюбинская область",
	"region.Almaty Region": "Алматинская область", "region.Atyrau": "Атырауская область",
	"region.East Kazakhstan": "Восточно-Казахстанская область", "region.Jambyl": "Жамбылская область",
	"region.Jetisu": "Жетысуская область", "region.Karaganda": "Карагандинская область",
	"region.Kostanay": "Костанайская область", "region.Kyzylorda": "Кызылординская область",
	"region.Mangystau": "Мангистауская область", "region.North Kazakhstan": "Северо-Казахстанская область",
	"region.Pavlodar": "Павлодарская область", "region.Turkistan": "Туркестанская область",
	"region.Ulytau": "Улытауская область", "region.West Kazakhstan": "Западно-Казахстанская область",
	"ctitle.untitled": "Дело без названия", "ctitle.fraud": "Мошенничество",
	"ctitle.group": "Организованная группа %s: потерпевших — %s", "ctitle.report": "%s, %s",
}

var kkRegions = map[string]string{
	"region.Astana": "Астана", "region.Almaty": "Алматы", "region.Shymkent": "Шымкент",
	"region.Abai": "Абай облысы", "region.Akmola": "Ақмола облысы", "region.Aktobe": "Ақтөбе облысы",
	"region.Almaty Region": "Алматы облысы", "region.Atyrau": "Атырау облысы",
	"region.East Kazakhstan": "Шығыс Қазақстан облысы", "region.Jambyl": "Жамбыл облысы", "region.Jetisu": "Жетісу облысы",
	"region.Karaganda": "Қарағанды облысы", "region.Kostanay": "Қостанай облысы", "region.Kyzylorda": "Қызылорда облысы",
	"region.Mangystau": "Маңғыстау облысы", "region.North Kazakhstan": "Солтүстік Қазақстан облысы",
	"region.Pavlodar": "Павлодар облысы", "region.Turkistan": "Түркістан облысы", "region.Ulytau": "Ұлытау облысы",
	"region.West Kazakhstan": "Батыс Қазақстан облысы",
	"ctitle.untitled":        "Атаусыз іс", "ctitle.fraud": "Алаяқтық",
	"ctitle.group": "Ұйымдасқан топ %s: жәбірленушілер — %s", "ctitle.report": "%s, %s",
}

// Region names a region in the page's language; a name off the list, as
// filed.
func (l *L) Region(name string) string { return l.Opt("region.", name) }

// CaseTitle is c's title as the reader should see it: an officer's words as
// written, a title the cases service wrote again in the page's language.
func (l *L) CaseTitle(c *kuzet.Case) string {
	src, victims := cases.TitleOf(c)
	switch src {
	case cases.TitleUntitled:
		return l.T("ctitle.untitled")
	case cases.TitleOfGroup:
		return l.T("ctitle.group", c.GroupID, l.N(victims))
	case cases.TitleOfReport:
		scheme := l.T("ctitle.fraud")
		if c.Scheme != "" {
			scheme = l.Scheme(c.Scheme)
		}
		if c.Region == "" {
			return scheme
		}
		return l.T("ctitle.report", scheme, l.Region(c.Region))
	}
	return c.Title
}
