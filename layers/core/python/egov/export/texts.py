"""The export single window's texts: e-contracts and e-services (X2, X3), the export application
and its customs declaration (X4, X5); Azerbaijani first (DESIGN rule 12).

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
        "export.contract.partner-unknown": {
            "az": "Portalda bu istifadəçi adı ilə xarici tərəfdaş yoxdur",
            "en": "No foreign partner with this username on the portal",
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
    }
)
