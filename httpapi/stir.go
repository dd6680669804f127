package httpapi

import (
	"net/http"
	"time"

	"github.com/kuzet/kuzet"
)

// STIR/SHAKEN trust: the regulator's anchors, the operators' certificates.
// The PASSporTs themselves come with the calls to verify (identity).

func (s *Server) stirRoutes() {
	s.route("POST /v1/sti-anchors", kuzet.PermSTIAnchor, s.handleSTIAnchorAdd)
	s.route("GET /v1/sti-anchors", kuzet.PermOrgRead, s.handleSTIAnchors)
	s.route("DELETE /v1/sti-anchors/{fingerprint}", kuzet.PermSTIAnchor, s.handleSTIAnchorRemove)
	s.route("POST /v1/sti-certificates", kuzet.PermSTICertificate, s.handleSTICertificateAdd)
	s.route("GET /v1/sti-certificates", kuzet.PermSTICertificate, s.handleSTICertificates)
}

// anchorView is a trust anchor as the API shows it.
type anchorView struct {
	Fingerprint string    `json:"fingerprint"`
	Subject     string    `json:"subject"`
	NotAfter    time.Time `json:"not_after"`
	PEM         string    `json:"pem"`
	CreatedAt   time.Time `json:"created_at"`
}

type anchorsResponse struct {
	Anchors []anchorView `json:"anchors"`
}

func anchorsView(as []kuzet.STIAnchor) anchorsResponse {
	r := anchorsResponse{Anchors: make([]anchorView, len(as))}
	for i, a := range as {
		r.Anchors[i] = anchorView{Fingerprint: a.Fingerprint, Subject: a.Subject, NotAfter: a.NotAfter, PEM: a.PEM,
			CreatedAt: a.CreatedAt}
	}
	return r
}

type pemRequest struct {
	PEM string `json:"pem"`
}

// handleSTIAnchorAdd makes the certificate authorities of a PEM file trust
// anchors.
func (s *Server) handleSTIAnchorAdd(w http.ResponseWriter, r *http.Request) error {
	var req pemRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	added, err := s.telecom.AddSTIAnchors(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.PEM)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, anchorsView(added))
}

// handleSTIAnchors lists the trust anchors, so that operators know which
// authorities their certificates must come from.
func (s *Server) handleSTIAnchors(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, anchorsView(s.telecom.STIAnchors()))
}

// handleSTIAnchorRemove stops trusting an anchor.
func (s *Server) handleSTIAnchorRemove(w http.ResponseWriter, r *http.Request) error {
	if err := s.telecom.RemoveSTIAnchor(r.Context(), kuzet.OrgIDFromContext(r.Context()), r.PathValue("fingerprint")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// certificateView is a registered certificate as the API shows it.
type certificateView struct {
	X5U         string    `json:"x5u"`
	OrgID       int64     `json:"org_id"`
	Fingerprint string    `json:"fingerprint"`
	Subject     string    `json:"subject"`
	NotBefore   time.Time `json:"not_before"`
	NotAfter    time.Time `json:"not_after"`
	CreatedAt   time.Time `json:"created_at"`
}

func certView(c *kuzet.STICertificate) certificateView {
	return certificateView{X5U: c.X5U, OrgID: c.OrgID, Fingerprint: c.Fingerprint, Subject: c.Subject,
		NotBefore: c.NotBefore, NotAfter: c.NotAfter, CreatedAt: c.CreatedAt}
}

type certificateRequest struct {
	X5U string `json:"x5u"`
	PEM string `json:"pem"`
}

// handleSTICertificateAdd registers the caller's signing certificate under
// the x5u its PASSporTs name.
func (s *Server) handleSTICertificateAdd(w http.ResponseWriter, r *http.Request) error {
	var req certificateRequest
	if err := s.decodeJSON(r, &req); err != nil {
		return err
	}
	c, err := s.telecom.RegisterSTICertificate(r.Context(), kuzet.OrgIDFromContext(r.Context()), req.X5U, req.PEM)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, certView(c))
}

type certificatesResponse struct {
	Certificates []certificateView `json:"certificates"`
}

// handleSTICertificates lists the caller's registered certificates.
func (s *Server) handleSTICertificates(w http.ResponseWriter, r *http.Request) error {
	cs := s.telecom.STICertificates(kuzet.OrgIDFromContext(r.Context()))
	resp := certificatesResponse{Certificates: make([]certificateView, len(cs))}
	for i := range cs {
		resp.Certificates[i] = certView(&cs[i])
	}
	return writeJSON(w, http.StatusOK, resp)
}
