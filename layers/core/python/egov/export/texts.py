"""The export single window's texts (X4, X5), Azerbaijani first (DESIGN rule 12)."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        "export.application.unknown": {
            "az": "Belə ixrac ərizəsi yoxdur",
            "en": "No such export application",
        },
        "export.voen.not-yours": {
            "az": "Bu VÖEN adından ərizə verə bilməzsiniz: vergi reyestrində rəhbər siz deyilsiniz",
            "en": "You may not apply for this VÖEN: the tax registry does not show you as its head",
        },
        "export.incentive.oil": {
            "az": "İxrac təşviqi yalnız qeyri-neft məhsullarına verilir (XİFMN 27-ci qrup neft "
            "məhsullarıdır)",
            "en": "An export incentive is for non-oil goods only (HS chapter 27 is oil products)",
        },
        "export.taxpayer-closed": {
            "az": "Vergi reyestrində bu VÖEN ləğv olunmuş kimi göstərilir",
            "en": "The tax registry shows this VÖEN as liquidated",
        },
        "export.not-ready": {
            "az": "Gömrük bəyannaməsi bütün icazələr verildikdən sonra göndərilir",
            "en": "The customs declaration is sent once every permit is issued",
        },
        "export.declared": {
            "az": "Bu ərizə üzrə gömrük bəyannaməsi artıq göndərilib",
            "en": "The customs declaration of this application has already been sent",
        },
        "export.changed": {
            "az": "Ərizə eyni vaxtda dəyişdirilib, yenidən yoxlayın",
            "en": "The application changed meanwhile, please try again",
        },
        "export.contract.unknown": {
            "az": "Belə müqavilə yoxdur",
            "en": "No such contract",
        },
        # The cabinet's statuses (egov.platform.applications).
        "export.status.under-review": {
            "az": "İcazə verən orqanlarda baxılır",
            "en": "Under review by the permit agencies",
        },
        "export.status.ready": {
            "az": "Bütün icazələr verilib; gömrük bəyannaməsi göndərilə bilər",
            "en": "Every permit issued; the customs declaration may be sent",
        },
        "export.status.refused": {
            "az": "İcazədən imtina edilib",
            "en": "A permit was refused",
        },
        "export.status.released": {
            "az": "Gömrük orqanı malları buraxdı",
            "en": "Released by customs",
        },
        "export.status.customs-refused": {
            "az": "Gömrük orqanı buraxılışdan imtina etdi",
            "en": "Refused by customs",
        },
        "export.title": {
            "az": "İxrac ərizəsi: {goods}",
            "en": "Export application: {goods}",
        },
        "export.note.refused": {
            "az": "İmtina edilən icazələr: {permits}",
            "en": "Permits refused: {permits}",
        },
        "export.note.customs": {
            "az": "Bəyannamə {number}: {reason}",
            "en": "Declaration {number}: {reason}",
        },
        # Notices (egov.platform.notify).
        "notice.export-permit-issued.title": {
            "az": "İcazə verildi: {permit}",
            "en": "Permit issued: {permit}",
        },
        "notice.export-permit-issued.body": {
            "az": "{agency} icazəni elektron imza ilə təsdiqlədi",
            "en": "{agency} signed the permit",
        },
        "notice.export-permit-deemed-issued.title": {
            "az": "İcazə verilmiş sayılır: {permit}",
            "en": "Permit deemed issued: {permit}",
        },
        "notice.export-permit-deemed-issued.body": {
            "az": "{agency} müddətində cavab vermədi; icazə verilmiş sayılır",
            "en": "{agency} did not answer within the deadline; the permit is deemed issued",
        },
        "notice.export-permit-refused.title": {
            "az": "İcazədən imtina: {permit}",
            "en": "Permit refused: {permit}",
        },
        "notice.export-permit-refused.body": {
            "az": "{agency}: {reason}",
            "en": "{agency}: {reason}",
        },
        "notice.export-decided.title": {
            "az": "İxrac ərizəsinə baxıldı",
            "en": "Your export application has been reviewed",
        },
        "notice.export-decided.body": {
            "az": "Ərizə {applicationId}: {status}",
            "en": "Application {applicationId}: {status}",
        },
        "notice.export-customs.title": {
            "az": "Gömrük bəyannaməsinin nəticəsi",
            "en": "The customs declaration's result",
        },
        "notice.export-customs.body": {
            "az": "Bəyannamə {number}: {status}. {reason}",
            "en": "Declaration {number}: {status}. {reason}",
        },
        # A permit's outcome as the status page and the notices name it.
        "export.permit.pending": {"az": "baxılır", "en": "under review"},
        "export.permit.issued": {"az": "verildi", "en": "issued"},
        "export.permit.deemed-issued": {
            "az": "müddətində cavab verilmədiyi üçün verilmiş sayılır",
            "en": "deemed issued: no answer within the deadline",
        },
        "export.permit.refused": {"az": "imtina edildi", "en": "refused"},
        "export.permit.silence-refused": {
            "az": "Müddətində icazə verilmədi",
            "en": "No permit was given within the deadline",
        },
    }
)
