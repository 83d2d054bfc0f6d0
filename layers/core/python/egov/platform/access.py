"""Who may call each route (G8): the one role × route table of the platform.

`egov.platform.http` applies it to every request before the body or the parameters are read, so a
route that needs a token answers 401 without one and 403 to a role it does not admit, never a 422
that describes its fields to a stranger (issue 10 item 11). Handlers narrow further within an
admitted role (the owner of a record, the Center of a certificate): `Rule.narrowed` says how, in
words. A route the table does not hold gets no check here; tests/functional/platform/test_access.py proves the
table holds every route of the template, walks every row with every role, and keeps
docs/access.md (rendered by `python -m devstack.access_doc`) equal to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aws_lambda_powertools.event_handler import APIGatewayRestResolver

from egov.platform import auth


@dataclass(frozen=True)
class Rule:
    roles: tuple[auth.Role, ...] = ()
    """Who is admitted; none: the route is public (or authenticated otherwise, `narrowed`)."""
    agencies: tuple[str, ...] = ()
    """Staff only of these agencies."""
    own: str | None = None
    """The path parameter that names the agency: staff only of that agency."""
    narrowed: str = ""
    """What the handler checks further, for the reader of docs/access.md."""


PUBLIC = Rule()
SIGNED_IN = auth.ROLES
OWNER = "only the caller's own"

RULES: dict[str, Rule] = {
    # ------------------------------------------------------------ public
    "GET /health": PUBLIC,
    "GET /calendar/deadline": PUBLIC,
    "GET /openapi.json": PUBLIC,
    "GET /docs": PUBLIC,
    "GET /ektis/map": PUBLIC,  # a page with no data: it reads GET /ektis/parcels with a token
    "GET /.well-known/webhook-keys": PUBLIC,
    "GET /maintenance": PUBLIC,
    "POST /auth/login": PUBLIC,
    "POST /auth/token": PUBLIC,
    "POST /auth/mobile-id": PUBLIC,
    "POST /auth/mobile-id/{sessionId}": Rule(narrowed="the unguessable session id it started"),
    "POST /platform/delivery-receipts/{channel}": Rule(narrowed="the gateway's signature"),
    "POST /payments/callback": Rule(narrowed="the payment provider's signature"),
    "POST /renewal/operator-activations": Rule(narrowed="the mobile operator's signature"),
    "POST /producers/check": PUBLIC,
    "POST /producers/mobile-confirmations": PUBLIC,
    "POST /producers": PUBLIC,
    "POST /producers/activation": Rule(narrowed="the activation code sent to the person"),
    "POST /producers/password-reset": Rule(
        narrowed="the same answer for any username; the code goes only to its confirmed mobile"
    ),
    "POST /producers/password-reset/confirmation": Rule(
        narrowed="the reset code sent to the account's confirmed mobile"
    ),
    "GET /producers": PUBLIC,
    "GET /producers/products": PUBLIC,
    "GET /certificates/{serial}": PUBLIC,
    "GET /certificates/keys/{fingerprint}": PUBLIC,
    "GET /certificates/{serial}/status": PUBLIC,
    "GET /certificates/{serial}/verify": PUBLIC,
    "GET /certificates/revocations": PUBLIC,
    "GET /certificates/log/checkpoint": PUBLIC,
    "GET /certificates/log/key": PUBLIC,
    "GET /certificates/log/proof/inclusion": PUBLIC,
    "GET /certificates/log/proof/consistency": PUBLIC,
    "GET /export/catalogue": PUBLIC,
    "GET /export/eservices": PUBLIC,
    "POST /export/contracts/verification": PUBLIC,
    "GET /export/free-sale-certificates/{number}": PUBLIC,
    "POST /customs/border-messages": Rule(narrowed="the border posts' signature"),
    "POST /export/permit-events": Rule(
        narrowed="the permit agencies' signature; only the agency that decides the permit"
    ),
    "POST /ektis/documents": Rule(narrowed="the exchange's (EHİS) signature"),
    # ------------------------------------------------------------ anyone signed in: their own
    "POST /auth/logout": Rule(SIGNED_IN),
    "GET /me": Rule(SIGNED_IN),
    "GET /me/inbox": Rule(SIGNED_IN, narrowed=OWNER),
    "POST /me/inbox/{itemId}/read": Rule(SIGNED_IN, narrowed=OWNER),
    "GET /me/applications": Rule(SIGNED_IN, narrowed=OWNER),
    "GET /me/audit": Rule(SIGNED_IN, narrowed=OWNER),
    "POST /uploads": Rule(SIGNED_IN),
    "GET /uploads/{attachmentId}": Rule(SIGNED_IN, narrowed=OWNER),
    "GET /payments/{paymentId}": Rule(SIGNED_IN, narrowed=OWNER),
    "POST /payments/{paymentId}/refund": Rule(SIGNED_IN, narrowed=OWNER),
    "GET /audit/{subject}": Rule(
        SIGNED_IN,
        narrowed="the owner's own subjects; staff the subjects their agency handles; "
        "the operator every subject",
    ),
    "GET /export/free-sale/{applicationId}": Rule(
        ("citizen", "operator", "officer"),
        narrowed="the applicant's own; the operator; officers of IITKM (the Center)",
    ),
    # ------------------------------------------------------------ citizens
    "POST /export/free-sale": Rule(("citizen",)),
    "GET /export/free-sale": Rule(("citizen",), narrowed=OWNER),
    "GET /export/wallet": Rule(("citizen",), narrowed=OWNER),
    "POST /export/wallet/top-ups": Rule(("citizen",), narrowed=OWNER),
    "POST /export/wallet/fees": Rule(("citizen",), narrowed=OWNER),
    "GET /producers/me": Rule(("citizen",)),
    "PUT /producers/me/products": Rule(("citizen",)),
    "PUT /producers/me/personal-data": Rule(("citizen",)),
    "PUT /producers/me/email": Rule(("citizen",)),
    "POST /producers/me/mobile-confirmations": Rule(("citizen",)),
    "PUT /producers/me/mobile": Rule(("citizen",)),
    "PUT /producers/me/password": Rule(("citizen",)),
    "POST /producers/me/deregistration": Rule(("citizen",)),
    "POST /esign/applications": Rule(("citizen",)),
    "PUT /esign/applications/{applicationId}": Rule(("citizen",), narrowed=OWNER),
    "GET /esign/applications/{applicationId}": Rule(("citizen",), narrowed=OWNER),
    "POST /esign/applications/{applicationId}/submit": Rule(("citizen",), narrowed=OWNER),
    "POST /esign/applications/{applicationId}/fee": Rule(("citizen",), narrowed=OWNER),
    "POST /certificates/{serial}/applications": Rule(("citizen",), narrowed="the holder's"),
    "POST /certificates/{serial}/compromise-reports": Rule(("citizen",), narrowed="the holder's"),
    "GET /certificates/mine": Rule(("citizen",), narrowed=OWNER),
    "POST /certificates/{serial}/consent-withdrawal": Rule(("citizen",), narrowed="the holder's"),
    "GET /customs/goods": Rule(
        ("citizen",), narrowed="a VÖEN whose taxpayer the tax registry shows the caller heading"
    ),
    "POST /export/contracts": Rule(
        ("citizen",), narrowed="the local VÖEN's head (ASAN İmza FIN) or the foreign partner"
    ),
    "GET /export/contracts": Rule(("citizen",), narrowed=OWNER),
    "GET /export/contracts/{contractId}": Rule(("citizen",), narrowed="its two parties"),
    "PUT /export/contracts/{contractId}/terms": Rule(("citizen",), narrowed="its author"),
    "POST /export/contracts/{contractId}/asan-signature": Rule(
        ("citizen",), narrowed="the local party's head"
    ),
    "POST /export/contracts/{contractId}/asan-signature/{sessionId}": Rule(
        ("citizen",), narrowed="the local party's head"
    ),
    "POST /export/contracts/{contractId}/certificate-signature": Rule(
        ("citizen",), narrowed="its foreign party"
    ),
    "GET /export/applications/{applicationId}/permits/{code}/document": Rule(
        ("citizen",), narrowed=OWNER
    ),
    "POST /export/contracts/acceptance": Rule(
        ("citizen",), narrowed="whoever holds the code e-mailed to the foreign partner"
    ),
    "POST /ektis/subjects": Rule(("citizen",)),
    "GET /ektis/subjects/me": Rule(("citizen",), narrowed=OWNER),
    "POST /ektis/parcels": Rule(("citizen",), narrowed="for the caller's own subject"),
    "POST /ektis/declarations": Rule(("citizen",), narrowed="for the caller's own subject"),
    "POST /ektis/subsidies": Rule(("citizen",), narrowed="on the caller's own declaration"),
    "POST /ektis/subsidies/{subsidyId}/input-claims": Rule(
        ("citizen",), narrowed="a subject registered as a supplier; a granted subsidy"
    ),
    "POST /ektis/subsidies/{subsidyId}/withdrawal": Rule(
        ("citizen",), narrowed="the applicant's own, while it is being decided"
    ),
    "GET /ektis/documents": Rule(("citizen",), narrowed=OWNER),
    "GET /ektis/documents/{documentId}": Rule(("citizen",), narrowed=OWNER),
    "POST /ektis/complaints": Rule(
        ("citizen",), narrowed="about the caller's own declaration, subsidy or claim against it"
    ),
    "POST /ektis/requests": Rule(("citizen",), narrowed="a farmer, for the caller's own subject"),
    "GET /ektis/requests": Rule(
        ("citizen",), narrowed="the recipient's owner, or its employee with the requests right"
    ),
    "POST /ektis/requests/{requestId}/decision": Rule(
        ("citizen",), narrowed="the recipient's owner, or its employee with the requests right"
    ),
    "POST /ektis/transactions": Rule(
        ("citizen",), narrowed="a supplier or procurer, or its employee with the transactions right"
    ),
    "GET /ektis/transactions": Rule(
        ("citizen",), narrowed="a party's owner, or its employee with the transactions right"
    ),
    "POST /ektis/approbations": Rule(
        ("citizen",), narrowed="a supplier, or its employee with the approbations right"
    ),
    "POST /ektis/delegations": Rule(("citizen",), narrowed="a supplier, for its own subject"),
    "POST /ektis/herds": Rule(("citizen",), narrowed="a farmer, for the caller's own holding"),
    "POST /ektis/animals": Rule(("citizen",), narrowed="a farmer, for the caller's own holding"),
    "POST /ektis/animals/{earTag}/movements": Rule(("citizen",), narrowed="the animal's keeper"),
    "POST /ektis/animals/{earTag}/arrival": Rule(
        ("citizen",), narrowed="the keeper whose FIN or VÖEN the movement was sent to"
    ),
    "POST /ektis/animals/{earTag}/movements/withdrawal": Rule(
        ("citizen",), narrowed="the keeper who sent the movement, until it is confirmed"
    ),
    "POST /ektis/animals/{earTag}/health": Rule(("citizen",), narrowed="a registered vet"),
    "POST /ektis/inseminations": Rule(
        ("citizen",), narrowed="a registered insemination specialist"
    ),
    "GET /ektis/livestock": Rule(("citizen",), narrowed=OWNER),
    "GET /renewal/certificates": Rule(("citizen",), narrowed=OWNER),
    "POST /renewal/certificates/{serial}/applications": Rule(("citizen",), narrowed="the holder's"),
    "POST /renewal/applications/{applicationId}/signature/{sessionId}": Rule(
        ("citizen",), narrowed=OWNER
    ),
    "GET /renewal/applications/{applicationId}": Rule(("citizen",), narrowed=OWNER),
    "POST /export/applications": Rule(
        ("citizen",), narrowed="a VÖEN the tax registry shows the caller heading"
    ),
    "GET /export/applications/{applicationId}": Rule(("citizen",), narrowed=OWNER),
    "POST /export/applications/{applicationId}/declaration": Rule(("citizen",), narrowed=OWNER),
    "POST /export/applications/{applicationId}/incentive-account": Rule(
        ("citizen",), narrowed=OWNER
    ),
    "POST /export/applications/{applicationId}/complaints": Rule(("citizen",), narrowed=OWNER),
    "GET /export/complaints/{complaintId}": Rule(("citizen",), narrowed=OWNER),
    "GET /export/complaints": Rule(("operator",)),
    "POST /export/requests": Rule(("citizen",)),
    "GET /export/requests": Rule(
        ("citizen", "operator"), narrowed="a citizen's own; the operator's: the open ones"
    ),
    "POST /export/requests/{requestId}/answer": Rule(("operator",)),
    "POST /export/incentives/{decisionId}/assessment": Rule(
        ("agency", "officer"), agencies=("IN",), narrowed="the Ministry's own incentive requests"
    ),
    "POST /export/incentives/{decisionId}/transfer": Rule(
        ("agency", "officer"), agencies=("MBNP",), narrowed="the authority's own transfer requests"
    ),
    "GET /renewal/documents": Rule(("citizen",), narrowed=OWNER),
    "GET /renewal/attorneys": Rule(("citizen",), narrowed="the head the tax registry names"),
    "POST /renewal/attorneys/{applicationId}/approval": Rule(
        ("citizen",), narrowed="the head the tax registry names"
    ),
    "POST /renewal/attorneys/{applicationId}/approval/{sessionId}": Rule(
        ("citizen",), narrowed="the head the tax registry names"
    ),
    "POST /renewal/attorneys/{applicationId}/refusal": Rule(
        ("citizen",), narrowed="the head the tax registry names"
    ),
    # ------------------------------------------------------------ officers, Centers, agencies
    "POST /producers/assisted": Rule(("officer",), agencies=("MKT", "ASAN")),
    # The ministry (EKTİS's operator, seed 004 §1.2) sees every parcel and every overlap flag.
    "GET /ektis/parcels": Rule(("officer", "operator"), agencies=("MKT",)),
    "GET /ektis/declarations/{declarationId}": Rule(
        ("citizen", "officer", "operator"),
        agencies=("MKT",),
        narrowed="a citizen: only the caller's own",
    ),
    "GET /ektis/subsidies/{subsidyId}": Rule(
        ("citizen", "officer", "operator"), agencies=("MKT",), narrowed="a citizen: the applicant"
    ),
    "GET /ektis/complaints": Rule(
        ("citizen", "officer"),
        agencies=("MKT",),
        narrowed="a citizen: filed or to answer; MKT: addressed to it or escalated",
    ),
    "GET /ektis/complaints/{complaintId}": Rule(
        ("citizen", "officer", "operator"),
        agencies=("MKT",),
        narrowed="a citizen: the complainant or the respondent; MKT: its own or escalated",
    ),
    "POST /ektis/complaints/{complaintId}/answer": Rule(
        ("citizen", "officer"),
        agencies=("MKT",),
        narrowed="the respondent: the subject who entered the record, or MKT for its own",
    ),
    "GET /ektis/directory": Rule(
        ("citizen", "officer", "operator"),
        agencies=("MKT",),
        narrowed="citizens registered as EKTİS subjects; names, activities and contacts only",
    ),
    "GET /ektis/animals/{earTag}": Rule(
        ("citizen", "officer", "operator"), agencies=("MKT",), narrowed="citizens: the keeper"
    ),
    # A11: the ministry's officers enter by hand what another system could not send.
    "POST /ektis/manual-entries": Rule(("officer",), agencies=("MKT",)),
    # A10: the ministry's analysis subsystem (seed 004 §3.2.6); reports of every subject.
    "POST /ektis/reports": Rule(("officer", "operator"), agencies=("MKT",)),
    "GET /ektis/reports": Rule(("officer", "operator"), agencies=("MKT",)),
    "GET /ektis/reports/{reportId}": Rule(("officer", "operator"), agencies=("MKT",)),
    "GET /ektis/reports/{reportId}/csv": Rule(("officer", "operator"), agencies=("MKT",)),
    "GET /ektis/reports/{reportId}/chart": Rule(("officer", "operator"), agencies=("MKT",)),
    "GET /esign/embassies/{embassy}/tasks": Rule(("officer",), own="embassy"),
    "POST /esign/embassies/{embassy}/applications/{applicationId}/invitation": Rule(
        ("officer",), own="embassy"
    ),
    "POST /esign/embassies/{embassy}/applications/{applicationId}/check": Rule(
        ("officer",), own="embassy"
    ),
    "GET /esign/embassies/{embassy}/applications/{applicationId}/documents/{attachmentId}": Rule(
        ("officer",),
        own="embassy",
        narrowed="the embassy's own applications, awaiting the invitation or the check",
    ),
    "POST /esign/embassies/{embassy}/dispatches": Rule(("officer",), own="embassy"),
    "GET /esign/embassies/{embassy}/dispatches": Rule(
        ("officer", "center"), narrowed="officers of that embassy or of XIN (the MFA)"
    ),
    "POST /esign/dispatches/{batchId}/handover": Rule(("officer",), agencies=("XIN",)),
    "POST /esign/dispatches/{batchId}/forwarding": Rule(("officer",), agencies=("XIN",)),
    "POST /esign/dispatches/{batchId}/receipt": Rule(
        ("center", "agency"),
        narrowed="a Center for its part; a mobile operator's system for the part naming it",
    ),
    "POST /certificates/{serial}/suspend": Rule(("center",), narrowed="the certificate's Center"),
    "POST /certificates/{serial}/restore": Rule(("center",), narrowed="the certificate's Center"),
    "POST /certificates/{serial}/revoke": Rule(("center",), narrowed="the certificate's Center"),
    "POST /certificates/center-compromise": Rule(("center",), narrowed="the caller's Center"),
    "GET /certificates/requests": Rule(("center",), narrowed="the caller's Center"),
    "POST /customs/goods": Rule(("officer",), agencies=("DGK",)),
    "POST /customs/goods/{barcode}/clearance": Rule(("officer",), agencies=("DGK",)),
    "GET /agencies/{agency}/notifications": Rule(("agency", "officer"), own="agency"),
    "POST /agencies/{agency}/maintenance": Rule(("agency", "officer"), own="agency"),
    "GET /agencies/{agency}/standing": Rule(("agency", "officer", "operator"), own="agency"),
    "GET /agencies/{agency}/decisions": Rule(
        ("agency", "officer", "center", "operator"), own="agency"
    ),
    "POST /agencies/{agency}/decisions/{decisionId}": Rule(
        ("agency", "officer", "center"), own="agency"
    ),
    "GET /agencies/{agency}/decisions/{decisionId}/documents/{attachmentId}": Rule(
        ("agency", "officer", "center"),
        own="agency",
        narrowed="the decision's own documents, while it awaits the agency's answer",
    ),
    "GET /agencies/{agency}/decisions/{decisionId}/evidence": Rule(
        ("agency", "officer", "operator"), own="agency"
    ),
    # ------------------------------------------------------------ the operator
    "POST /operator/accounts/{userId}/restriction": Rule(("operator",)),
    "DELETE /operator/accounts/{userId}/restriction": Rule(("operator",)),
    "GET /operator/accounts/{userId}/refusals": Rule(("operator",)),
    "PUT /operator/webhooks/endpoints/{agency}": Rule(("operator",)),
    "GET /operator/webhooks/endpoints": Rule(("operator",)),
    "GET /operator/webhooks/dead-letters": Rule(("operator",)),
    "POST /operator/webhooks/dead-letters/redeliver": Rule(("operator",)),
    "GET /operator/decisions/{decisionId}/deliveries": Rule(("operator",)),
    "GET /operator/health": Rule(("operator",)),
    "POST /operator/decisions/{decisionId}/extension": Rule(("operator",)),
    "POST /operator/agencies/{agency}/warning": Rule(("operator",)),
    "POST /operator/agencies/{agency}/warning/closing": Rule(("operator",)),
    "POST /operator/agencies/{agency}/suspension": Rule(("operator",)),
    "POST /operator/agencies/{agency}/suspension/lifting": Rule(("operator",)),
    "POST /export/catalogue": Rule(("operator",)),
    "POST /operator/export/permit-agencies/{agency}/event-key": Rule(("operator",)),
    "POST /export/free-sale/{applicationId}/decision": Rule(("operator",)),
    "POST /export/free-sale/{applicationId}/collection": Rule(("operator",)),
    "GET /export/free-sale-queue": Rule(
        ("operator", "officer"), agencies=("IITKM",), narrowed="officers of the Center"
    ),
    "POST /export/free-sale/{applicationId}/signature": Rule(
        ("officer",), agencies=("IITKM",), narrowed="the Center's executive director"
    ),
}


def admits(rule: Rule, role: auth.Role, agency: str | None, path: Mapping[str, str]) -> bool:
    """Whether a caller of `role` acting for `agency` passes `rule` (public rules admit all)."""
    if not rule.roles:
        return True
    if role not in rule.roles:
        return False
    if role not in auth.STAFF:
        return True
    allowed = rule.agencies or ((path.get(rule.own, ""),) if rule.own else ())
    return not allowed or agency in allowed


def admit(app: APIGatewayRestResolver, route: str, path: Mapping[str, str]) -> None:
    """Let the caller of `route` ("METHOD /path/{param}") on, or refuse with 401/403 (audited)."""
    rule = RULES.get(route)
    if rule is None or not rule.roles:
        return
    caller = auth.principal(app)
    if not admits(rule, caller.role, caller.agency, path):
        auth.refuse(app, caller, rule.roles, rule.agencies or path.get(rule.own or "", None))
