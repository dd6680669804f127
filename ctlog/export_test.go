package ctlog

// VerifyConsistency exposes the proof check to the external tests.
var VerifyConsistency = verifyConsistency
