package iso20022

import (
	"mime"
	"strconv"
	"strings"
)

// PrefersXML reports whether an HTTP Accept header value asks for XML
// (application/xml or text/xml) rather than JSON: XML is named with a
// quality above application/json's — or equal and listed first — and
// not below a wildcard's. An empty header, "*/*" and JSON's clients get
// JSON, as before kuzet spoke XML.
func PrefersXML(accept string) bool {
	xmlQ, jsonQ, wildQ := 0.0, -1.0, -1.0
	xmlAt, jsonAt := 0, 0
	for i, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < 0 || v > 1 {
				continue // a malformed quality: the range is ignored
			}
			q = v
		}
		switch mt {
		case "application/xml", "text/xml":
			if q > xmlQ {
				xmlQ, xmlAt = q, i
			}
		case "application/json":
			if q > jsonQ {
				jsonQ, jsonAt = q, i
			}
		case "*/*", "application/*", "text/*":
			wildQ = max(wildQ, q)
		}
	}
	return xmlQ > 0 && xmlQ >= wildQ && (xmlQ > jsonQ || xmlQ == jsonQ && xmlAt < jsonAt)
}
