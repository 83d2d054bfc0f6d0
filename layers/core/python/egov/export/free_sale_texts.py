"""Every text of the free-sale certificate (X7) and the e-wallet (X10), az first then en.

Kept apart from the export service's `texts.py` so that the services built beside it (contracts,
the export application) and this one never edit one file; imported by `free_sale` and `wallet`.
"""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        # ------------------------------------------------------------ free-sale certificate
        "export.free-sale.not-found": {
            "az": "Sərbəst satış sertifikatı üzrə ərizə tapılmadı",
            "en": "No such free-sale certificate application",
        },
        "export.free-sale.not-in-catalogue": {
            "az": "Mal Azərbaycanda istehsal olunan malların kataloqunda yoxdur",
            "en": "The goods are not in the catalogue of goods made in Azerbaijan",
        },
        "export.free-sale.producer-not-registered": {
            "az": "Malın istehsalçısı istehsalçılar reyestrində təsdiq olunmayıb",
            "en": "The producer of the goods is not approved in the producer registry",
        },
        "export.free-sale.documents-needed": {
            "az": "Ərizəyə ixrac üçün tələb olunan sənədlər əlavə olunmalıdır",
            "en": "Attach the documents the export requires",
        },
        "export.free-sale.not-awaiting-decision": {
            "az": "Ərizə üzrə qərar artıq qəbul olunub",
            "en": "The application has already been decided",
        },
        "export.free-sale.not-awaiting-signature": {
            "az": "Sertifikat imza gözləmir",
            "en": "The certificate is not awaiting a signature",
        },
        "export.free-sale.reason-needed": {
            "az": "İmtinanın səbəbi göstərilməlidir",
            "en": "A refusal needs its reason",
        },
        "export.free-sale.not-issued": {
            "az": "Sertifikat hələ verilməyib",
            "en": "The certificate has not been issued",
        },
        "export.free-sale.collected": {
            "az": "Sertifikatın kağız nüsxəsi artıq təhvil verilib",
            "en": "The paper copy of the certificate has already been collected",
        },
        "export.free-sale.escalated": {
            "az": "Bu müddət üzrə gecikmə artıq qeyd olunub",
            "en": "This missed deadline is already escalated",
        },
        "export.free-sale.certificate-not-found": {
            "az": "Bu nömrə ilə sərbəst satış sertifikatı yoxdur",
            "en": "No free-sale certificate has this number",
        },
        "export.free-sale.title": {
            "az": "Sərbəst satış sertifikatı",
            "en": "Free-sale certificate",
        },
        "export.free-sale.statement": {
            "az": "Bu sertifikat aşağıda göstərilən malların Azərbaycan Respublikasında sərbəst "
            "dövriyyədə olduğunu, aidiyyəti dövlət orqanları tərəfindən sertifikatlaşdırıldığını "
            "və standartlara cavab verdiyini təsdiq edir. Sertifikat könüllü olaraq əldə edilir "
            "və hüquqmüəyyənedici sənəd hesab olunmur.",
            "en": "This certificate confirms that the goods below are in free circulation in "
            "the Republic of Azerbaijan, certified by the competent state bodies and meet the "
            "standards. It is obtained voluntarily and does not establish rights.",
        },
        "export.free-sale.issuer": {
            "az": "İqtisadi İslahatların Təhlili və Kommunikasiya Mərkəzi",
            "en": "Center for Analysis of Economic Reforms and Communication",
        },
        "notice.export-free-sale-overdue.title": {
            "az": "Sərbəst satış sertifikatı üzrə qərar müddəti keçdi",
            "en": "A free-sale certificate decision is overdue",
        },
        "notice.export-free-sale-overdue.body": {
            "az": "{applicationId} nömrəli ərizə üzrə növbəti addım {deadline} tarixinədək "
            "atılmalı idi (1 iş günü). Ərizə hələ də gözləyir.",
            "en": "Application {applicationId} was due for its next step by {deadline} "
            "(1 business day). It is still waiting.",
        },
        "notice.export-free-sale-issued.title": {
            "az": "Sərbəst satış sertifikatı verildi",
            "en": "Your free-sale certificate is issued",
        },
        "notice.export-free-sale-issued.body": {
            "az": "{number} nömrəli sertifikat elektron kabinetinizdədir. Kağız nüsxəsini "
            "Mərkəzdən əldə edə bilərsiniz.",
            "en": "Certificate {number} is in your cabinet. You may collect a paper copy at "
            "the Center.",
        },
        "notice.export-free-sale-refused.title": {
            "az": "Sərbəst satış sertifikatının verilməsindən imtina edildi",
            "en": "Your free-sale certificate was refused",
        },
        "notice.export-free-sale-refused.body": {
            "az": "{applicationId} nömrəli ərizə rədd edildi: {reason}",
            "en": "Application {applicationId} was refused: {reason}",
        },
        # ------------------------------------------------------------ e-wallet
        "export.wallet.not-found": {
            "az": "Elektron pul kisəsi tapılmadı",
            "en": "No such e-wallet",
        },
        "export.wallet.insufficient": {
            "az": "Elektron pul kisəsində kifayət qədər vəsait yoxdur",
            "en": "The e-wallet's balance does not cover the fee",
        },
        "export.wallet.busy": {
            "az": "Pul kisəsi eyni vaxtda dəyişdi, yenidən cəhd edin",
            "en": "The wallet changed meanwhile, please try again",
        },
        "export.wallet.top-up-not-found": {
            "az": "Pul kisəsinin artırılması tapılmadı",
            "en": "No such top-up",
        },
        "export.wallet.top-up-contradicted": {
            "az": "Artırma artıq başqa nəticə ilə təsdiqlənib",
            "en": "The top-up was already confirmed with another outcome",
        },
        "export.wallet.top-up-description": {
            "az": "azexport.az elektron pul kisəsinin artırılması",
            "en": "azexport.az e-wallet top-up",
        },
    }
)
