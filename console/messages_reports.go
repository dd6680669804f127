package console

// The messages of the dashboard's breakdown of victims' reports by scheme
// and by channel, merged into the catalogue.
func init() { addMessages(enReports, ruReports, kkReports) }

var enReports = map[string]string{
	"dashboard.by_scheme":  "Victims' reports by scheme",
	"dashboard.by_channel": "Victims' reports by channel",
	"dashboard.unstated":   "not stated",
	"col.reports":          "Reports",
	"cases.of_scheme":      "Cases of the victims' reports of the scheme “%s”, last %d days.",
	"cases.of_channel":     "Cases of the victims' reports that came by “%s”, last %d days.",
	"cases.all":            "all cases",
}

var ruReports = map[string]string{
	"dashboard.by_scheme":  "Заявления потерпевших по схемам",
	"dashboard.by_channel": "Заявления потерпевших по каналам",
	"dashboard.unstated":   "не указано",
	"col.reports":          "Заявлений",
	"cases.of_scheme":      "Дела по заявлениям потерпевших со схемой «%s», последние %d дн.",
	"cases.of_channel":     "Дела по заявлениям потерпевших с каналом «%s», последние %d дн.",
	"cases.all":            "все дела",
}

var kkReports = map[string]string{
	"dashboard.by_scheme":  "Жәбірленушілердің арыздары схемалар бойынша",
	"dashboard.by_channel": "Жәбірленушілердің арыздары арналар бойынша",
	"dashboard.unstated":   "көрсетілмеген",
	"col.reports":          "Арыздар",
	"cases.of_scheme":      "«%s» схемасы бойынша жәбірленушілер арыздарының істері, соңғы %d күн.",
	"cases.of_channel":     "«%s» арнасы бойынша жәбірленушілер арыздарының істері, соңғы %d күн.",
	"cases.all":            "барлық істер",
}
