"""The export single window's texts, Azerbaijani first (DESIGN rule 12): e-contracts and e-services
(X2, X3), the export application and its customs declaration (X4, X5), the export incentive (X6),
free sale and the e-wallet (X7, X10), permit events, complaints and requests (X8, X9).

Imported by every module that raises or sends one of them (tests/unit/test_texts.py)."""

from __future__ import annotations

from egov.platform import i18n

i18n.register(
    {
        "export.contract.unknown": {
            "az": "Belə elektron müqavilə yoxdur",
            "en": "No such e-contract",
        },
        "export.contract.not-head": {
            "az": "Müqaviləni yalnız vergi reyestrində bu VÖEN-in rəhbəri kimi göstərilən şəxs "
            "ASAN İmza ilə daxil olaraq tərtib edə və imzalaya bilər",
            "en": "Only the person the tax registry names as head of this VÖEN, logged in with "
            "ASAN İmza, may draw up and sign the contract",
        },
        "export.contract.taxpayer-inactive": {
            "az": "Bu VÖEN üzrə vergi ödəyicisi fəaliyyət göstərmir",
            "en": "The taxpayer of this VÖEN is not active",
        },
        "export.contract.invitation-unknown": {
            "az": "Bu kodla qəbul gözləyən elektron müqavilə yoxdur",
            "en": "No e-contract awaits acceptance with this code",
        },
        "export.contract.certificate-unknown": {
            "az": "Bu açar sertifikatlar reyestrindəki heç bir elektron imza sertifikatına aid deyil",
            "en": "This key belongs to no e-signature certificate in the certificate registry",
        },
        "export.contract.certificate-not-good": {
            "az": "Bu açarın sertifikatı imza anında etibarlı deyil (vəziyyəti: {status})",
            "en": "This key's certificate is not valid at the moment of signing (status: {status})",
        },
        "export.contract.certificate-not-yours": {
            "az": "Bu açarın sertifikatı sizə verilməyib; öz sertifikatınızla imzalayın",
            "en": "This key's certificate was not issued to you; sign with your own",
        },
        "export.contract.same-party": {
            "az": "Müqavilənin tərəfləri fərqli şəxslər olmalıdır",
            "en": "The parties to a contract must be different people",
        },
        "export.contract.foreign-country": {
            "az": "Xarici tərəfdaşın ölkəsi Azərbaycan ola bilməz",
            "en": "The foreign partner's country cannot be Azerbaijan",
        },
        "export.contract.incomplete": {
            "az": "Müqavilə tam doldurulmayıb: bu xana boşdur",
            "en": "The contract is not complete: this field is empty",
        },
        "export.contract.delivery-past": {
            "az": "Çatdırılma tarixi keçmişdə ola bilməz",
            "en": "The delivery date cannot be in the past",
        },
        "export.contract.not-author": {
            "az": "Müqavilənin şərtlərini yalnız onu tərtib edən tərəf dəyişə bilər",
            "en": "Only the party that drew up the contract may change its terms",
        },
        "export.contract.not-your-turn": {
            "az": "Müqavilə hazırda sizin imzanızı gözləmir",
            "en": "The contract is not waiting for your signature now",
        },
        "export.contract.not-editable": {
            "az": "İmzalanmış müqavilə dəyişdirilə bilməz",
            "en": "A signed contract cannot be changed",
        },
        "export.contract.changed": {
            "az": "Müqavilə imza zamanı dəyişdirilib; yenidən imzalayın",
            "en": "The contract changed while it was being signed; please sign again",
        },
        "export.contract.signature-invalid": {
            "az": "İmza müqavilənin hazırkı mətni üzrə yoxlanışdan keçmədi",
            "en": "The signature does not verify over the contract's current text",
        },
        "export.contract.same-key": {
            "az": "Bu açarla müqavilə artıq digər tərəf adından imzalanıb",
            "en": "This key has already signed the contract for the other party",
        },
        "export.contract.other-signer": {
            "az": "Yerli tərəf adından VÖEN-in rəhbəri öz ASAN İmzası ilə imzalamalıdır",
            "en": "The head of the VÖEN must sign for the local party with their own ASAN İmza",
        },
        "export.contract.asan-login-required": {
            "az": "İmzalamaq üçün ASAN İmza ilə daxil olun",
            "en": "Log in with ASAN İmza to sign",
        },
        "export.contract.sign.text": {
            "az": "Elektron müqavilə {number}",
            "en": "E-contract {number}",
        },
        "notice.export-contract-received.title": {
            "az": "İmzalamaq üçün elektron müqavilə",
            "en": "An e-contract to sign",
        },
        "notice.export-contract-received.body": {
            "az": "{author} {number} nömrəli müqaviləni imzalayıb sizin kabinetinizə göndərib. "
            "Müqaviləni kabinetdə oxuyub öz elektron imzanızla təsdiq edin.",
            "en": "{author} signed contract {number} and sent it to your cabinet. Read it there "
            "and confirm it with your own electronic signature.",
        },
        "notice.export-contract-invitation.title": {
            "az": "Azexport portalında imzalamaq üçün elektron müqavilə",
            "en": "An e-contract to sign on the azexport portal",
        },
        "notice.export-contract-invitation.body": {
            "az": "{author} {number} nömrəli müqaviləni imzalayıb sizə göndərib. Portala daxil "
            "olun və müqaviləni bu kodla qəbul edin: {code}. Sonra onu kabinetinizdə oxuyub "
            "elektron imza sertifikatınızla təsdiq edin.",
            "en": "{author} signed contract {number} and sent it to you. Sign in to the portal "
            "and accept the contract with this code: {code}. Then read it in your cabinet and "
            "confirm it with your e-signature certificate.",
        },
        "notice.export-contract-signed.title": {
            "az": "Elektron müqavilə hər iki tərəfcə imzalandı",
            "en": "The e-contract is signed by both parties",
        },
        "notice.export-contract-signed.body": {
            "az": "{signer} {number} nömrəli müqaviləni təsdiq etdi; müqavilə qüvvədədir.",
            "en": "{signer} confirmed contract {number}; the contract is in force.",
        },
        "export.eservice.contract": {
            "az": "Xarici tərəfdaşla elektron müqavilənin tərtibi və imzalanması",
            "en": "Drawing up and signing an e-contract with a foreign partner",
        },
        "export.eservice.contract-asan-signature": {
            "az": "Elektron müqavilənin ASAN İmza ilə imzalanması (yerli tərəf)",
            "en": "Signing an e-contract with ASAN İmza (local party)",
        },
        "export.eservice.contract-certificate-signature": {
            "az": "Elektron müqavilənin qeyri-rezidentin elektron imza sertifikatı ilə imzalanması",
            "en": "Signing an e-contract with a non-resident's e-signature certificate",
        },
        "export.eservice.certificate-renewal": {
            "az": "ASAN İmza sertifikatının onlayn yenilənməsi",
            "en": "Renewing an ASAN İmza certificate online",
        },
        "export.eservice.catalogue": {
            "az": "Azərbaycanda istehsal olunan mallar və istehsalçılar kataloqu",
            "en": "Catalogue of goods made in Azerbaijan and their producers",
        },
        "export.eservice.contract-verification": {
            "az": "İmzalanmış elektron müqavilənin imzalarının yoxlanılması",
            "en": "Checking the signatures of a signed e-contract",
        },
        "export.eservice.certificate-status": {
            "az": "Elektron imza sertifikatının statusu",
            "en": "Status of an e-signature certificate",
        },
        "export.eservice.certificate-by-key": {
            "az": "Açar üzrə elektron imza sertifikatının axtarışı",
            "en": "Finding an e-signature certificate by its key",
        },
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
        "export.declaration.contract": {
            "az": "Bu ixracatçının hər iki tərəfin imzaladığı belə elektron müqaviləsi yoxdur",
            "en": "This exporter has no such e-contract signed by both parties",
        },
        "export.changed": {
            "az": "Ərizə eyni vaxtda dəyişdirilib, yenidən yoxlayın",
            "en": "The application changed meanwhile, please try again",
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
        "export.permit.no-document": {
            "az": "Bu icazənin sənədi yoxdur: icazə orqan tərəfindən verilməyib",
            "en": "This permit has no document: the agency has not issued it",
        },
    }
)

# ------------------------------------------------------------ free sale and the e-wallet (X7, X10)
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

# ------------------------------------------------------------ permit events, complaints, requests (X8, X9)
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

# ------------------------------------------------------------ export incentive (X6)
i18n.register(
    {
        "export.incentive.iban": {
            "az": "Bank hesabı düzgün IBAN deyil (yoxlama rəqəmləri uyğun gəlmir)",
            "en": "The bank account is not a valid IBAN (its check digits do not match)",
        },
        "export.incentive.iban-country": {
            "az": "Təşviq yalnız Azərbaycan Respublikasındakı bank hesabına köçürülür (AZ IBAN)",
            "en": "The incentive is paid only into a bank account in Azerbaijan (an AZ IBAN)",
        },
        "export.incentive.account-required": {
            "az": "İxrac təşviqi istənilirsə, onun köçürüləcəyi bank hesabını (IBAN) göstərin",
            "en": "When an export incentive is asked for, give the bank account (IBAN) it is "
            "paid into",
        },
        "export.incentive.amount-required": {
            "az": "Təşviq verilirsə, məbləği (manatla) göstərin",
            "en": "When the incentive is granted, give the amount (in manat)",
        },
        "export.incentive.transfer-incomplete": {
            "az": "Köçürmənin təsdiqi üçün məbləğ, tarix, IBAN və ödəniş tapşırığı mütləqdir",
            "en": "A transfer is confirmed with its amount, date, IBAN and payment order",
        },
        "export.incentive.unknown": {
            "az": "Bu identifikatorla ixrac təşviqi sorğusu yoxdur",
            "en": "No export incentive request has this id",
        },
        "export.incentive.amount-differs": {
            "az": "Köçürülən məbləğ İqtisadiyyat Nazirliyinin verdiyi məbləğə bərabər deyil",
            "en": "The amount transferred is not the amount the Ministry of Economy granted",
        },
        "export.incentive.iban-differs": {
            "az": "Vəsait ixracatçının ərizədə göstərdiyi hesaba köçürülməlidir",
            "en": "The money must go to the account the exporter gave in the application",
        },
        "export.incentive.transfer-date": {
            "az": "Köçürmə tarixi təşviqin verildiyi gündən tez, bu gündən gec ola bilməz",
            "en": "The transfer date cannot be before the day the incentive was granted nor "
            "after today",
        },
        # The application's history in the cabinet (applications.remark).
        "export.note.incentive-granted": {
            "az": "İxrac təşviqi verildi: {amount} {currency}",
            "en": "Export incentive granted: {amount} {currency}",
        },
        "export.note.incentive-refused": {
            "az": "İxrac təşviqindən imtina edildi: {reason}",
            "en": "Export incentive refused: {reason}",
        },
        "export.note.incentive-transferred": {
            "az": "İxrac təşviqi {date} tarixində hesabınıza köçürüldü: {amount} {currency}",
            "en": "Export incentive transferred to your account on {date}: {amount} {currency}",
        },
        "export.note.incentive-transfer-refused": {
            "az": "İxrac təşviqi köçürülmədi: {reason}",
            "en": "The export incentive was not transferred: {reason}",
        },
        "export.incentive.no-account-asked": {
            "az": "Təşviqin köçürülməsindən imtina edilməyib; yeni hesab yalnız belə imtinadan "
            "sonra verilir",
            "en": "The incentive's transfer was not refused; another account is given only "
            "after such a refusal",
        },
        "export.incentive.account-refused-before": {
            "az": "Bu hesaba köçürmə artıq alınmayıb; başqa hesab göstərin",
            "en": "A transfer to this account has already failed; give another account",
        },
        "export.incentive.account-too-late": {
            "az": "Yeni hesabın verilməsi müddəti bitib",
            "en": "The time to give another account has passed",
        },
        "export.note.incentive-account-changed": {
            "az": "Təşviq üçün yeni hesab verildi ({iban}); köçürmə yenidən soruşuldu",
            "en": "Another account was given for the incentive ({iban}); the transfer was "
            "asked again",
        },
        "export.note.incentive-overdue": {
            "az": "{agency} {deadline} müddətində cavab vermədi; operator xəbərdar edildi, "
            "yeni müddət: {next}",
            "en": "{agency} did not answer by {deadline}; the operator was alerted, new "
            "deadline: {next}",
        },
        # The exporter's notices (cabinet, e-mail, mobile; §10.3.3.9).
        "notice.export-incentive-granted.title": {
            "az": "İxrac təşviqi verildi",
            "en": "Export incentive granted",
        },
        "notice.export-incentive-granted.body": {
            "az": "{applicationId} ərizəsi üzrə İqtisadiyyat Nazirliyi {amount} {currency} "
            "ixrac təşviqi verdi; köçürmə təsdiqlənəndə xəbər veriləcək.",
            "en": "The Ministry of Economy granted an export incentive of {amount} {currency} "
            "for application {applicationId}; you will be told when the transfer is confirmed.",
        },
        "notice.export-incentive-refused.title": {
            "az": "İxrac təşviqindən imtina",
            "en": "Export incentive refused",
        },
        "notice.export-incentive-refused.body": {
            "az": "{applicationId} ərizəsi üzrə İqtisadiyyat Nazirliyi ixrac təşviqindən "
            "imtina etdi. Səbəb: {reason}",
            "en": "The Ministry of Economy refused the export incentive for application "
            "{applicationId}. Reason: {reason}",
        },
        "notice.export-incentive-transferred.title": {
            "az": "İxrac təşviqi hesabınıza köçürüldü",
            "en": "Export incentive transferred to your account",
        },
        "notice.export-incentive-transferred.body": {
            "az": "{applicationId} ərizəsi üzrə {amount} {currency} {date} tarixində bank "
            "hesabınıza köçürüldü (Maliyyə Bazarlarına Nəzarət Palatasının təsdiqi).",
            "en": "{amount} {currency} for application {applicationId} was transferred to your "
            "bank account on {date} (confirmed by the Financial Markets Supervisory Authority).",
        },
        "notice.export-incentive-transfer-refused.title": {
            "az": "İxrac təşviqi köçürülmədi",
            "en": "Export incentive not transferred",
        },
        "notice.export-incentive-transfer-refused.body": {
            "az": "{applicationId} ərizəsi üzrə təşviq köçürülmədi. Səbəb: {reason}. "
            "{deadline} tarixinədək ərizənin səhifəsində başqa hesab göstərə bilərsiniz.",
            "en": "The incentive for application {applicationId} was not transferred. "
            "Reason: {reason}. You may give another account on the application's page until "
            "{deadline}.",
        },
        # The operator's alerts (notify.send_to_address).
        "export.incentive-overdue.title": {
            "az": "İxrac təşviqi: cavab gecikir",
            "en": "Export incentive: an answer is overdue",
        },
        "export.incentive-overdue.body": {
            "az": "{applicationId}: {agency} {deadline} müddətində cavab vermədi ({count}-ci "
            "dəfə); sorğu açıq qalır, yeni müddət {next}.",
            "en": "{applicationId}: {agency} did not answer by {deadline} (time {count}); the "
            "request stays open until {next}.",
        },
        "export.incentive-failed.title": {
            "az": "İxrac təşviqi: iş axını dayandı",
            "en": "Export incentive: the workflow stopped",
        },
        "export.incentive-failed.body": {
            "az": "{applicationId}: təşviq ({status}) istifadə oluna bilən cavab olmadan "
            "dayandı; araşdırın.",
            "en": "{applicationId}: the incentive ({status}) stopped without a usable answer; "
            "look into it.",
        },
    }
)
