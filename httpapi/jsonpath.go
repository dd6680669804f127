package httpapi

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
)

// encoding/json reports where a document does not fit by the Go struct
// field ("httpapi.indicatorsRequest.indicators.value", without the array
// index), or, for an unknown field, by its name alone. A client needs the
// JSON path with indices and the expected JSON type. Only on that error
// path, the document is walked again beside the Go type to find the place.

// misfit is a place where a JSON document does not fit the type it is
// decoded into.
type misfit struct {
	path    string // "indicators[3].value"; "" for the document itself
	msg     string // "must be a string, not a number"
	unknown string // the field's name when its object has no such field
}

// maxMisfits bounds the walk of a document that fits nowhere.
const maxMisfits = 16

// locate returns the misfit the decoder stopped at, the first for which
// stopped is true; failing that the first misfit found, or nil if none.
func locate(body []byte, v any, stopped func(misfit) bool) *misfit {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil {
		return nil
	}
	var w walker
	w.walk(doc, reflect.TypeOf(v), "")
	for i, m := range w.found {
		if stopped(m) {
			return &w.found[i]
		}
	}
	if len(w.found) > 0 {
		return &w.found[0]
	}
	return nil
}

// withoutIndices turns "indicators[3].value" into "indicators.value".
func withoutIndices(path string) string {
	var b strings.Builder
	for len(path) > 0 {
		i := strings.IndexByte(path, '[')
		if i < 0 {
			b.WriteString(path)
			break
		}
		b.WriteString(path[:i])
		j := strings.IndexByte(path[i:], ']')
		if j < 0 {
			break
		}
		path = path[i+j+1:]
	}
	return b.String()
}

type walker struct{ found []misfit }

var (
	timeType            = reflect.TypeFor[time.Time]()
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (w *walker) add(path, msg string) { w.found = append(w.found, misfit{path: path, msg: msg}) }

// walk checks doc, decoded with UseNumber, against t at path.
func (w *walker) walk(doc any, t reflect.Type, path string) {
	if len(w.found) >= maxMisfits || doc == nil || t == nil {
		return // null fits anything, as it does for the decoder
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		if s, ok := doc.(string); !ok {
			w.add(path, "must be an RFC 3339 time, not "+jsonKind(doc))
		} else if _, err := time.Parse(time.RFC3339, s); err != nil {
			w.add(path, "must be an RFC 3339 time (2006-01-02T15:04:05Z)")
		}
		return
	}
	if pt := reflect.PointerTo(t); pt.Implements(unmarshalerType) {
		if raw, err := json.Marshal(doc); err == nil {
			if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
				w.add(path, unmarshalerMessage(err, doc))
			}
		}
		return
	} else if pt.Implements(textUnmarshalerType) {
		s, ok := doc.(string)
		if !ok {
			w.add(path, "must be a string, not "+jsonKind(doc))
		} else if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			w.add(path, unmarshalerMessage(err, doc))
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := doc.(map[string]any)
		if !ok {
			w.add(path, "must be an object, not "+jsonKind(doc))
			return
		}
		fields := map[string]reflect.Type{}
		jsonFields(t, fields)
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			ft, ok := field(fields, k)
			if !ok {
				w.found = append(w.found, misfit{path: join(path, k), msg: "is not a known field", unknown: k})
				continue
			}
			w.walk(obj[k], ft, join(path, k))
		}
	case reflect.Map:
		obj, ok := doc.(map[string]any)
		if !ok {
			w.add(path, "must be an object, not "+jsonKind(doc))
			return
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			w.walk(obj[k], t.Elem(), join(path, k))
		}
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			if _, ok := doc.(string); !ok {
				w.add(path, "must be a base64 string, not "+jsonKind(doc))
			}
			return
		}
		arr, ok := doc.([]any)
		if !ok {
			w.add(path, "must be an array, not "+jsonKind(doc))
			return
		}
		for i, e := range arr {
			w.walk(e, t.Elem(), itemPath(path, i))
		}
	case reflect.String:
		if _, ok := doc.(string); !ok {
			w.add(path, "must be a string, not "+jsonKind(doc))
		}
	case reflect.Bool:
		if _, ok := doc.(bool); !ok {
			w.add(path, "must be true or false, not "+jsonKind(doc))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.number(doc, path, func(s string) error { _, err := strconv.ParseInt(s, 10, t.Bits()); return err }, "a whole number")
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.number(doc, path, func(s string) error { _, err := strconv.ParseUint(s, 10, t.Bits()); return err },
			"a whole number, not negative")
	case reflect.Float32, reflect.Float64:
		w.number(doc, path, func(s string) error { _, err := strconv.ParseFloat(s, t.Bits()); return err }, "a number")
	}
}

// number checks that doc is a JSON number that parse reads.
func (w *walker) number(doc any, path string, parse func(string) error, what string) {
	n, ok := doc.(json.Number)
	switch {
	case !ok:
		w.add(path, "must be "+what+", not "+jsonKind(doc))
	case parse(string(n)) != nil:
		w.add(path, "must be "+what+" in range")
	}
}

// unmarshalerMessage describes the failure of a type's own decoding of doc.
func unmarshalerMessage(err error, doc any) string {
	var te *json.UnmarshalTypeError
	var ke *kuzet.Error
	switch {
	case errors.As(err, &te) && strings.HasPrefix(te.Value, "number") && jsonKind(doc) != "a number":
		return "must be a number, not " + jsonKind(doc)
	case errors.As(err, &te):
		return "is not valid: " + te.Value
	case errors.As(err, &ke):
		return "is not valid: " + ke.Message
	}
	return "is not valid"
}

// jsonFields collects the JSON names of t's fields and their types, the
// promoted fields of embedded structs included unless a shallower field
// has the name.
func jsonFields(t reflect.Type, out map[string]reflect.Type) {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		ft := f.Type
		if slices.Contains(strings.Split(opts, ","), "string") {
			ft = reflect.TypeFor[any]() // a number or bool quoted as a string
		}
		out[name] = ft
	}
	for _, et := range embedded {
		inner := map[string]reflect.Type{}
		jsonFields(et, inner)
		for k, v := range inner {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
	}
}

// field finds the field a JSON key sets: by its exact name, else without
// regard to case, as the decoder does.
func field(fields map[string]reflect.Type, key string) (reflect.Type, bool) {
	if t, ok := fields[key]; ok {
		return t, true
	}
	for name, t := range fields {
		if strings.EqualFold(name, key) {
			return t, true
		}
	}
	return nil, false
}

// jsonKind names the JSON type of a value decoded with UseNumber.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return "another value"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
