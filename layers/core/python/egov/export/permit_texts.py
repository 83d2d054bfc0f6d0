"""Every text of the permits' events (X8) and of complaints and requests (X9), az first then en.

Kept apart from the export service's `texts.py` so that the services built beside it never edit
one file; imported by `permit_events`, `complaints` and `requests`.
"""

from __future__ import annotations

from egov.platform import i18n

_EVENTS = {
    "issued": ("İcazə verildi", "Permit issued"),
    "refused": ("İcazənin verilməsindən imtina edildi", "Permit refused"),
    "addendum": ("İcazəyə əlavə verildi", "Addendum to a permit issued"),
    "duplicate": ("İcazənin dublikatı verildi", "Duplicate of a permit issued"),
    "reissued": ("İcazə yenidən rəsmiləşdirildi", "Permit re-issued"),
    "suspended": ("İcazənin qüvvəsi dayandırıldı", "Permit suspended"),
    "restored": ("İcazənin qüvvəsi bərpa edildi", "Permit restored"),
    "revoked": ("İcazə ləğv edildi", "Permit revoked"),
}

i18n.register(
    {
        # ------------------------------------------------------------ permit events (X8)
        **{
            f"notice.export-permit-event-{kind}.title": {"az": az, "en": en}
            for kind, (az, en) in _EVENTS.items()
        },
        **{
            f"notice.export-permit-event-{kind}.body": {
                "az": f"{az}: «{{permit}}» ({{agency}}), ərizə {{applicationId}}. {{reason}}",
                "en": f"{en}: “{{permit}}” ({{agency}}), application {{applicationId}}. {{reason}}",
            }
            for kind, (az, en) in _EVENTS.items()
        },
        **{
            f"export.permit-event.{kind}": {"az": az, "en": en}
            for kind, (az, en) in _EVENTS.items()
        },
        "export.permit-event.signature-invalid": {
            "az": "İcazə verən orqanın mesajının imzası yoxlanışdan keçmədi",
            "en": "The permit agency's message signature does not verify",
        },
        "export.permit-event.type": {
            "az": "Mesajın növü tanınmır",
            "en": "The message type is not known",
        },
        "export.permit-event.unknown-permit": {
            "az": "Bu ərizədə belə icazə yoxdur",
            "en": "The application has no such permit",
        },
        "export.permit-event.other-agency": {
            "az": "Bu icazəni başqa orqan verir",
            "en": "Another agency decides on this permit",
        },
        "export.permit-event.not-allowed": {
            "az": "İcazənin indiki vəziyyətində bu hadisə mümkün deyil",
            "en": "This event is not possible in the permit's present state",
        },
        "export.permit-event.reason-required": {
            "az": "Bu hadisə üçün səbəb göstərilməlidir",
            "en": "This event needs a reason",
        },
        "export.permit.suspended": {"az": "dayandırılıb", "en": "suspended"},
        "export.permit.revoked": {"az": "ləğv edilib", "en": "revoked"},
        "export.permit.not-valid": {
            "az": "Qüvvədə olmayan icazə ilə gömrük bəyannaməsi göndərilə bilməz",
            "en": "A customs declaration cannot be sent with a permit that is not in force",
        },
        "export.note.permit-event": {
            "az": "{event}: {permit}",
            "en": "{eventEn}: {permitEn}",
        },
        # ------------------------------------------------------------ complaints (X9, §5.1)
        "export.complaint.not-found": {
            "az": "Belə şikayət yoxdur",
            "en": "No such complaint",
        },
        "export.complaint.not-complainable": {
            "az": "Bu icazə üzrə şikayət veriləcək inzibati akt yoxdur",
            "en": "There is no administrative act on this permit to complain against",
        },
        "export.complaint.open": {
            "az": "Bu icazə üzrə baxılan şikayətiniz artıq var",
            "en": "You already have a complaint under review on this permit",
        },
        "export.complaint.title": {
            "az": "İcazə üzrə inzibati şikayət",
            "en": "Administrative complaint on a permit",
        },
        "export-complaint.status.under-review": {"az": "baxılır", "en": "under review"},
        "export-complaint.status.overdue": {
            "az": "müddət keçib, yuxarı orqana çatdırılıb",
            "en": "overdue, escalated",
        },
        "export-complaint.status.upheld": {"az": "təmin edildi", "en": "upheld"},
        "export-complaint.status.rejected": {"az": "rədd edildi", "en": "rejected"},
        "export-complaint.status.failed": {
            "az": "cavab alına bilmədi",
            "en": "no answer could be obtained",
        },
        "export.complaint.note.overdue": {
            "az": "Cavab müddəti ({deadline}) keçdi; yeni müddət {next}",
            "en": "The answer period ({deadline}) passed; new deadline {next}",
        },
        "export.complaint.note.answered": {
            "az": "Orqanın cavabı: {reason}",
            "en": "The agency's answer: {reason}",
        },
        "notice.export-complaint-filed.title": {
            "az": "Şikayətiniz qəbul edildi",
            "en": "Your complaint has been received",
        },
        "notice.export-complaint-filed.body": {
            "az": "«{permit}» üzrə şikayətiniz {agency} orqanına göndərildi; cavab müddəti "
            "{deadline}.",
            "en": "Your complaint on “{permit}” was sent to {agency}; the answer is due by "
            "{deadline}.",
        },
        "notice.export-complaint-upheld.title": {
            "az": "Şikayətiniz təmin edildi",
            "en": "Your complaint has been upheld",
        },
        "notice.export-complaint-upheld.body": {
            "az": "«{permit}» üzrə şikayətinizə {agency} baxdı və onu təmin etdi. {reason}",
            "en": "{agency} has upheld your complaint on “{permit}”. {reason}",
        },
        "notice.export-complaint-rejected.title": {
            "az": "Şikayətiniz rədd edildi",
            "en": "Your complaint has been rejected",
        },
        "notice.export-complaint-rejected.body": {
            "az": "«{permit}» üzrə şikayətinizi {agency} rədd etdi. Səbəb: {reason}",
            "en": "{agency} has rejected your complaint on “{permit}”. Reason: {reason}",
        },
        "notice.export-complaint-overdue.title": {
            "az": "Şikayətinizə müddətində cavab verilmədi",
            "en": "Your complaint was not answered in time",
        },
        "notice.export-complaint-overdue.body": {
            "az": "{agency} «{permit}» üzrə şikayətinizə {deadline} tarixinədək cavab vermədi; "
            "operator məlumatlandırıldı, yeni müddət {next}.",
            "en": "{agency} did not answer your complaint on “{permit}” by {deadline}; the "
            "operator has been told, the new deadline is {next}.",
        },
        "export.complaint-overdue.title": {
            "az": "İcazə üzrə şikayətə müddətində cavab verilmədi",
            "en": "A permit complaint was not answered in time",
        },
        "export.complaint-overdue.body": {
            "az": "Şikayət {complaintId} ({agency}): müddət {deadline} keçdi ({count}-ci dəfə); "
            "yeni müddət {next}.",
            "en": "Complaint {complaintId} ({agency}): deadline {deadline} passed (time "
            "{count}); new deadline {next}.",
        },
        "export.complaint-failed.title": {
            "az": "İcazə üzrə şikayətin cavabı alına bilmədi",
            "en": "A permit complaint's answer could not be obtained",
        },
        "export.complaint-failed.body": {
            "az": "Şikayət {complaintId}: orqanın cavabı alına bilmədi.",
            "en": "Complaint {complaintId}: the agency's answer could not be obtained.",
        },
        # ------------------------------------------------------------ requests (X9, §5.2)
        "export.request.not-found": {
            "az": "Belə sorğu yoxdur",
            "en": "No such request",
        },
        "export.request.answered": {
            "az": "Bu sorğu artıq cavablandırılıb",
            "en": "This request has already been answered",
        },
        "export.request.title": {
            "az": "Sorğu və ya təklif",
            "en": "Request or suggestion",
        },
        "export-request.status.open": {"az": "baxılır", "en": "under review"},
        "export-request.status.answered": {"az": "cavablandırılıb", "en": "answered"},
        "notice.export-request-answered.title": {
            "az": "Müraciətinizə cavab verildi",
            "en": "Your request has been answered",
        },
        "notice.export-request-answered.body": {
            "az": "Müraciətiniz: {question}\n\nCavab: {answer}",
            "en": "Your request: {question}\n\nAnswer: {answer}",
        },
    }
)
