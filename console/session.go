package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kuzet/kuzet"
	"github.com/kuzet/kuzet/access"
)

// sessionCookie holds the session's secret: HttpOnly, SameSite=Lax, Secure
// over TLS, ending with the browser unless the session ends first.
const sessionCookie = "kuzet_session"

// signedIn is the console's view of a session.
type signedIn struct {
	*access.Signed
	User *kuzet.User
	Org  *kuzet.Org
}

type sessionKey struct{}

// session returns the request's signed-in user, or nil.
func (s *Server) session(r *http.Request) *signedIn {
	if v, ok := r.Context().Value(sessionKey{}).(*signedIn); ok {
		return v
	}
	if s.cfg.Access == nil {
		return nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	sg, err := s.cfg.Access.Session(r.Context(), c.Value)
	if err != nil {
		if kuzet.ErrorCode(err) != kuzet.EUNAUTHORIZED {
			s.logger.Error("console session", "err", err)
		}
		return nil
	}
	return &signedIn{Signed: sg, User: sg.User, Org: sg.Principal.Org}
}

func (s *Server) sessionRoutes() {
	s.mux.HandleFunc("GET /signin", s.handleSignInForm)
	s.mux.HandleFunc("POST /signin", s.handleSignIn)
	s.mux.HandleFunc("POST /signout", s.handleSignOut)
}

type signInData struct {
	Name, Next string
}

func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request) {
	if s.session(r) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "signin", &page{Title: "signin.title",
		Data: signInData{Next: safeNext(r.URL.Query().Get("next"))}})
}

func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	l := newL(chooseLang(w, r, s.cfg.Secure))
	name, next := r.PostFormValue("name"), safeNext(r.PostFormValue("next"))
	if s.cfg.Access == nil {
		s.render(w, r, http.StatusServiceUnavailable, "signin", &page{L: l, Title: "signin.title", Error: l.T("error.internal")})
		return
	}
	if !s.allowPortal(r) { // sign-in guesses share the portal's per-address limit
		s.render(w, r, http.StatusTooManyRequests, "signin", &page{L: l, Title: "signin.title", Error: l.T("error.ratelimited"),
			Data: signInData{Name: name, Next: next}})
		return
	}
	secret, _, err := s.cfg.Access.SignIn(r.Context(), name, r.PostFormValue("password"), r.PostFormValue("code"))
	if err != nil {
		msg := l.T("signin.wrong")
		status := http.StatusUnauthorized
		if kuzet.ErrorCode(err) != kuzet.EUNAUTHORIZED {
			msg, status = s.message(l, err), http.StatusInternalServerError
		}
		s.render(w, r, status, "signin", &page{L: l, Title: "signin.title", Error: msg, Data: signInData{Name: name, Next: next}})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true, Secure: s.cfg.Secure,
		SameSite: http.SameSiteLaxMode})
	// A fresh CSRF token for the session: one fixed before sign-in is let go.
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: randomToken(), Path: "/", HttpOnly: true, Secure: s.cfg.Secure,
		SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil && s.cfg.Access != nil {
		if err := s.cfg.Access.SignOut(r.Context(), c.Value); err != nil {
			s.logger.Error("sign out", "err", err)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.Secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in destination on this site: a path, never
// another host.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

// handler is a console page: it runs for a signed-in user whose role holds
// the permission, with the principal in its context, as an API request's.
type handler func(w http.ResponseWriter, r *http.Request, p *page) error

// page registers a console page needing perm.
func (s *Server) page(pattern string, perm kuzet.Permission, h handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sess := s.session(r)
		if sess == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.render(w, r, http.StatusUnauthorized, "error", &page{Title: "error.signin.title", Error: "error.signin"})
			return
		}
		p := &page{User: sess.User, Org: sess.Org, L: newL(chooseLang(w, r, s.cfg.Secure))}
		if !sess.Principal.Can(perm) {
			p.Title, p.Error = "error.forbidden.title", "error.forbidden"
			s.render(w, r, http.StatusForbidden, "error", p)
			return
		}
		if r.Method == http.MethodPost && !s.parseForm(w, r) {
			return
		}
		ctx := context.WithValue(kuzet.NewContextWithPrincipal(r.Context(), sess.Principal), sessionKey{}, sess)
		// Every audit entry of the page's service call names the user as well.
		ctx = kuzet.NewContextWithActor(ctx, fmt.Sprintf("user:%d %s", sess.User.ID, sess.User.Name))
		r = r.WithContext(ctx)
		p.Elapsed = time.Since(start)
		if err := h(w, r, p); err != nil {
			p.Error = s.message(p.L, err)
			p.Title = "error.title"
			status := http.StatusInternalServerError
			switch kuzet.ErrorCode(err) {
			case kuzet.EINVALID:
				status = http.StatusBadRequest
			case kuzet.ENOTFOUND:
				status = http.StatusNotFound
			case kuzet.ECONFLICT:
				status = http.StatusConflict
			case kuzet.EFORBIDDEN:
				status = http.StatusForbidden
			}
			s.render(w, r, status, "error", p)
		}
	})
}

// principal returns the signed-in caller of a console page.
func principal(r *http.Request) *kuzet.Principal { return kuzet.PrincipalFromContext(r.Context()) }
