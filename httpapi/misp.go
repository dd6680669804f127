package httpapi

func (s *Server) mispRoutes() {}
