// Package exchange is kuzet's international exchange: the registry's
// reports as STIX 2.1 objects (deterministic ids, TLP 2.0 markings, kuzet's
// own observable types declared by extension definitions), collections
// per partner for a TAXII 2.1 server, the import of what partners send
// with the confidence the police set for each, TLP enforced on the way out
// (RED never leaves; AMBER and AMBER+STRICT only to partners allowed them),
// and a MISP feed of the same data. The TAXII and MISP adapters in httpapi,
// and the pull command, only translate for it.
package exchange
