package synth

import (
	"fmt"
	"math/rand/v2"
)

// Person is a member of an organised group as the police come to know
// them: a name and a citizenship (ISO 3166 alpha-2).
type Person struct {
	Name        string
	Citizenship string
}

// Operation is what the police find behind one organised group: the call
// centre its calls came from (at home or abroad), the people who worked
// its SIM-box handsets and held its mule accounts, and how many SIM cards
// each handset's farm held when it was seized.
type Operation struct {
	Abroad    bool
	Country   string // ISO 3166 alpha-2; "KZ" at home
	City      string
	Partner   string   // the foreign police of a joint operation, abroad only
	Operators []Person // one per SIM-box handset
	Mules     []Person // one per mule account
	Ports     []int    // SIM cards in the farm behind each handset, in the order of devices
}

// abroad are the countries the groups of the synthetic country call from,
// with the partner police of a joint operation.
var abroad = []struct{ country, city, partner string }{
	{"AM", "Yerevan", "Police of the Republic of Armenia"},
	{"GE", "Tbilisi", "Ministry of Internal Affairs of Georgia"},
	{"KG", "Bishkek", "Ministry of Internal Affairs of the Kyrgyz Republic"},
	{"UZ", "Tashkent", "Ministry of Internal Affairs of Uzbekistan"},
}

var (
	givenNames = []string{"Arman", "Daniyar", "Yerlan", "Timur", "Ruslan", "Aidos", "Samvel", "Giorgi", "Bakyt", "Jasur", "Aliya", "Madina"}
	surnames   = []string{"Nurlanov", "Seitkali", "Abenov", "Petrosyan", "Beridze", "Asanov", "Karimov", "Omarov", "Zhaksylyk", "Tokayev"}
)

// GroupOperation derives the operation behind a group from what its
// victims named: devices are the SIM-box handsets' IMEIs, mules the mule
// accounts. The same seed, rank and identifiers give the same operation.
// Groups of even rank work from abroad, in a country of the region, with
// operators of that country and of Kazakhstan; groups of odd rank from a
// city at home (home, a city of the victims' regions). A handset's farm
// holds 8, 16 or 32 SIM cards, nearly full.
func GroupOperation(seed uint64, rank int, home string, devices, mules []string) Operation {
	rng := rand.New(rand.NewPCG(seed, uint64(rank)+0x6f7073))
	op := Operation{Country: "KZ", City: home}
	if rank%2 == 0 {
		a := abroad[rng.IntN(len(abroad))]
		op.Abroad, op.Country, op.City, op.Partner = true, a.country, a.city, a.partner
	}
	person := func(citizenship string) Person {
		return Person{Name: givenNames[rng.IntN(len(givenNames))] + " " + surnames[rng.IntN(len(surnames))],
			Citizenship: citizenship}
	}
	for i := range devices {
		c := "KZ"
		if op.Abroad && i%3 != 2 {
			c = op.Country
		}
		op.Operators = append(op.Operators, person(c))
		ports := []int{8, 16, 32}[rng.IntN(3)]
		op.Ports = append(op.Ports, ports-rng.IntN(ports/4+1))
	}
	for range mules {
		op.Mules = append(op.Mules, person("KZ"))
	}
	return op
}

// String names the operation for a log line.
func (o Operation) String() string {
	return fmt.Sprintf("call centre in %s, %s (operators: %d, mules: %d)", o.City, o.Country, len(o.Operators), len(o.Mules))
}
