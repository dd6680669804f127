// Package freeze is the victims' side of the anti-fraud centre: a victim's
// report raises freeze requests that follow the stolen money from bank to
// bank, hop by hop, and pushes them to the banks by signed webhooks.
//
// Service.NewReport raises a freeze request at the bank of each account
// that received the victim's money, found by BIC or by the KZ IBAN's bank
// code; an account at no member bank is a left_system leaf. A bank sees
// only its own requests (Inbox, FreezeRequest) and answers them (Respond):
// frozen, insufficient_funds, account_not_found or rejected, with the
// amount frozen and the onward transfers, which raise the next hop's
// requests at once. Requests are due in 30 minutes; Escalate marks the
// overdue ones. Trail returns a report's requests as a tree. Banks with a
// webhook get each request pushed, signed (Sign, VerifySignature) and
// retried with back-off by a Dispatcher; the outbox is written in the
// transaction that raises the request, so no delivery is lost.
package freeze
