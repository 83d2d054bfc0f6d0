"""Every text of the e-signature service meant for a person, Azerbaijani first (DESIGN rule 12):
problem titles and details, field rules, statuses and the applicant's notices. Registered once,
on import of `egov.esign.form`, which every module of the service imports (through
`egov.esign.records` where it needs a record)."""

from __future__ import annotations

from egov.platform import i18n

STATUS_TEXTS: dict[str, dict[i18n.Lang, str]] = {
    "draft": {"az": "Qaralama", "en": "Draft"},
    "registered": {
        "az": "Qeydiyyata alınıb, dövlət orqanlarının rəyi gözlənilir",
        "en": "Registered, awaiting the opinions of the state bodies",
    },
    "refused": {"az": "İmtina edilib", "en": "Refused"},
    "virtual-fin-issued": {
        "az": "Virtual FİN verilib, Mərkəzə göndərilib",
        "en": "Virtual FIN issued, sent to the Center",
    },
    "center-refused": {"az": "Mərkəz imtina edib", "en": "Refused by the Center"},
    "at-embassy": {
        "az": "Mərkəzin qərarı səfirliyə göndərilib",
        "en": "The Center's decision has reached the embassy",
    },
    "invited": {"az": "Səfirliyə dəvət edilib", "en": "Invited to the embassy"},
    "issued": {"az": "Sertifikat verilib", "en": "Certificate issued"},
    "embassy-refused": {
        "az": "Səfirlik sənədlərin uyğunsuzluğuna görə imtina edib",
        "en": "Refused by the embassy: the documents did not match",
    },
    "data-changed": {
        "az": "İlkin ərizə məlumatları dəyişdirilib",
        "en": "The data of the initial application have been changed",
    },
}
"""The application's statuses (`egov.esign.records.Status`) as the applicant reads them."""

CENTER_NAMES: dict[str, dict[i18n.Lang, str]] = {
    "EIMZA": {
        "az": "Akkreditə edilmiş sertifikat xidmətləri mərkəzi (E-imza)",
        "en": "Accredited certificate services centre (E-imza)",
    },
    "ASXM": {
        "az": "Vergilər Nazirliyinin Asan Sertifikat Xidmətləri Mərkəzi",
        "en": "ASAN Certificate Services Centre of the Ministry of Taxes",
    },
}
"""The Centers' names as a contract names them (E8)."""

i18n.register(
    {f"esign.status.{status}": text for status, text in STATUS_TEXTS.items()}
    | {
        # egov.esign.records
        "esign.title": {
            "az": "Qeyri-rezident üçün elektron imza sertifikatı",
            "en": "E-signature certificate for a non-resident",
        },
        "esign.application-unknown": {
            "az": "Belə elektron imza müraciəti yoxdur",
            "en": "No such e-signature application",
        },
        # egov.esign.alerts
        # egov.esign.center
        "esign.center-approved.title": {
            "az": "Mərkəz sertifikatın verilməsi barədə qərar qəbul etdi",
            "en": "The Center decided to issue your certificate",
        },
        "esign.center-approved.body": {
            "az": "{number} nömrəli müraciətiniz üzrə Mərkəz sertifikatın verilməsi barədə qərar "
            "qəbul etdi. Qərar və {contract} nömrəli müqavilə {embassy} diplomatik "
            "nümayəndəliyinə göndərildi; 1 iş günü ərzində nümayəndəliyə dəvət olunacaqsınız.",
            "en": "For application {number} the Center decided to issue the certificate. The "
            "decision and contract {contract} were sent to the diplomatic mission {embassy}; you "
            "will be invited to the mission within 1 business day.",
        },
        "esign.center-refused.title": {
            "az": "Mərkəz sertifikatın verilməsindən imtina etdi",
            "en": "The Center refused to issue the certificate",
        },
        "esign.center-refused.body": {
            "az": "{number} nömrəli müraciətiniz üzrə Mərkəz sertifikatın verilməsindən imtina "
            "etdi. Səbəb: {reason}",
            "en": "For application {number} the Center refused to issue the certificate. "
            "Reason: {reason}",
        },
        "esign.note.center-approved": {
            "az": "Müqavilə {contract}, {embassy}",
            "en": "Contract {contract}, {embassy}",
        },
        # egov.esign.contracts
        "esign.contract-exists": {
            "az": "Bu müraciət üzrə müqavilə artıq hazırlanıb",
            "en": "The contract for this application has already been prepared",
        },
        "esign.contract-not-open": {
            "az": "Müqavilə artıq imzalanıb və ya göndərilib",
            "en": "The contract has already been signed or dispatched",
        },
        # egov.esign.alerts and egov.esign.dispatch
        "esign.alert-raised": {
            "az": "Bu müddət üzrə xəbərdarlıq artıq göndərilib",
            "en": "The alert for this deadline has already been raised",
        },
        # egov.esign.dispatch
        "esign.dispatch-empty": {
            "az": "Göndəriləcək imzalanmış müqavilə yoxdur",
            "en": "There are no signed contracts to send",
        },
        "esign.dispatch-missing.title": {
            "az": "Səfirlik yarımildə müqavilə göndərməyib",
            "en": "An embassy sent no contracts in a half-year",
        },
        "esign.dispatch-missing.body": {
            "az": "{embassy} {period} yarımilində imzalanmış müqavilələrin ikinci nüsxələrini "
            "XİN-ə göndərməyib (Qayda 2.16: ildə iki dəfədən az olmayaraq). Ən köhnə gözləyən "
            "müqavilə: {oldest}.",
            "en": "{embassy} sent no batch of signed contract copies to the MFA in {period} "
            "(§2.16: at least twice a year). The oldest contract waiting: {oldest}.",
        },
        "esign.dispatch-unknown": {
            "az": "Belə göndəriş yoxdur",
            "en": "No such dispatch",
        },
        "esign.dispatch-not-sent": {
            "az": "Göndəriş artıq XİN tərəfindən təhvil alınıb",
            "en": "The MFA has already recorded the batch as received",
        },
        "esign.dispatch-not-handed-over": {
            "az": "XİN toplunu təhvil aldığını qeyd etməyib və ya artıq ötürüb",
            "en": "The MFA has not recorded receiving the batch, or has already forwarded it",
        },
        "esign.dispatch-not-forwarded": {
            "az": "Göndərişin bu hissəsi ötürülməyib və ya artıq qəbul edilib",
            "en": "This part of the dispatch has not been forwarded or was already received",
        },
        # egov.esign.embassy
        "esign.documents-closed": {
            "az": "Sənədlər yalnız dəvət və ya yoxlama gözləyən müraciət üzrə açılır",
            "en": "The documents open only while the application awaits the invitation or the "
            "check",
        },
        "esign.not-awaiting-invitation": {
            "az": "Müraciət dəvət gözləmir",
            "en": "The application is not awaiting an invitation",
        },
        "esign.not-awaiting-check": {
            "az": "Müraciət şəxsən yoxlama gözləmir",
            "en": "The application is not awaiting the in-person check",
        },
        "esign.invitation-in-past": {
            "az": "Dəvət tarixi gələcəkdə olmalıdır",
            "en": "The invitation must be for a future date",
        },
        "esign.check-needs-key": {
            "az": "Uyğunluq halında daşıyıcının açıq açarı göstərilməlidir",
            "en": "On a match, give the public key of the carrier handed over",
        },
        "esign.check-needs-token": {
            "az": "Token sertifikatı üçün tokenin seriya nömrəsi göstərilməlidir",
            "en": "For a token certificate, give the token's serial number",
        },
        "esign.check-needs-reason": {
            "az": "Uyğunsuzluğun nədən ibarət olduğunu yazın",
            "en": "Say what did not match",
        },
        "esign.reason.documents-mismatch": {
            "az": "Təqdim olunmuş məlumatlar sənədlərin əsli ilə uyğun gəlmədi",
            "en": "The data filed did not match the original documents",
        },
        "esign.invited.title": {
            "az": "Diplomatik nümayəndəliyə dəvət",
            "en": "Invitation to the diplomatic mission",
        },
        "esign.invited.body": {
            "az": "{number} nömrəli müraciətiniz üzrə {at} (Bakı vaxtı) tarixində {place} "
            "ünvanına sənədlərin əsli və 3,5x4,5 sm rəngli fotoşəkil ilə gəlməyiniz xahiş olunur.",
            "en": "For application {number}, please come to {place} on {at} (Baku time) with the "
            "original documents and a 3.5x4.5 cm colour photo.",
        },
        "esign.issued.title": {
            "az": "Elektron imza sertifikatınız verildi",
            "en": "Your e-signature certificate has been issued",
        },
        "esign.issued.body": {
            "az": "{number} nömrəli müraciət üzrə müqavilələr imzalandı və {serial} seriya "
            "nömrəli sertifikat {validTo} tarixinədək etibarlıdır; daşıyıcı sizə təhvil verildi.",
            "en": "For application {number} the contracts were signed and certificate {serial} "
            "is valid until {validTo}; the carrier was handed over to you.",
        },
        "esign.embassy-refused.title": {
            "az": "Diplomatik nümayəndəlik sertifikatın verilməsindən imtina etdi",
            "en": "The diplomatic mission refused to issue the certificate",
        },
        "esign.embassy-refused.body": {
            "az": "{number} nömrəli müraciətdə təqdim olunmuş məlumatlar sənədlərin əsli ilə uyğun "
            "gəlmədi; sertifikat verilmədi və virtual FİN ləğv edildi.",
            "en": "The data filed with application {number} did not match the original "
            "documents; no certificate was issued and the virtual FIN was cancelled.",
        },
        # egov.esign.fee
        "esign.fee-unpaid": {
            "az": "Müraciət təqdim edilməzdən əvvəl rüsum ödənilməlidir",
            "en": "The fee must be paid before the application is submitted",
        },
        "esign.fee-after-submission": {
            "az": "Müraciət artıq təqdim edilib; rüsum qaralama üçün tələb olunur",
            "en": "The application has been submitted; the fee is requested for a draft",
        },
        "esign.no-fee": {
            "az": "Bu xidmət üçün rüsum müəyyən edilməyib",
            "en": "No fee is set for this service",
        },
        # egov.esign.filing
        "esign.not-a-draft": {
            "az": "Müraciət artıq təqdim edilib və dəyişdirilə bilməz",
            "en": "The application has been submitted and can no longer be changed",
        },
        "esign.applicant.fin-unknown": {
            "az": "Əhali reyestrində bu FİN yoxdur; şəxsiyyət vəsiqənizdəki FİN-i yoxlayın",
            "en": "The population registry has no such FIN; check the FIN on your ID card",
        },
        "esign.applicant.fin-not-this-person": {
            "az": "Əhali reyestrinə görə bu FİN başqa doğum tarixli şəxsə aiddir",
            "en": "By the population registry this FIN belongs to a person with another birth date",
        },
        "esign.attachment-purpose": {
            "az": "Bu fayl başqa sənəd kimi yüklənib",
            "en": "This file was uploaded as another kind of document",
        },
        "esign.power-of-attorney-not-needed": {
            "az": "Etibarnamə yalnız nümayəndə müraciət etdikdə əlavə olunur",
            "en": "A power of attorney is attached only when a representative applies",
        },
        "esign.service-at-center": {
            "az": "Sertifikatın dayandırılması, bərpası və ləğvi sertifikatlar reyestri "
            "vasitəsilə Mərkəzə ünvanlanır",
            "en": "Suspension, restoration and revocation are addressed to the Center through "
            "the certificate registry",
        },
        "esign.note.registered": {
            "az": "Qeydiyyat nömrəsi: {number}",
            "en": "Registration number: {number}",
        },
        "esign.registered.title": {
            "az": "Elektron imza müraciətiniz qeydiyyata alındı",
            "en": "Your e-signature application has been registered",
        },
        "esign.registered.body": {
            "az": "Müraciətiniz {number} nömrəsi ilə qeydiyyata alındı və dövlət orqanlarına "
            "göndərildi. Rəylər {deadline} (Bakı vaxtı) tarixinədək gözlənilir; bu müddətdə mənfi "
            "rəy verilməzsə, virtual FİN avtomatik verilir.",
            "en": "Your application was registered under number {number} and sent to the state "
            "bodies. Their opinions are due by {deadline} (Baku time); without a negative "
            "opinion by then, the virtual FIN is issued automatically.",
        },
        # egov.esign.form
        "esign.country.invalid": {
            "az": "Ölkəni ISO 3166 iki hərfli kodu ilə göstərin, məs. DE",
            "en": "Give the country as its ISO 3166 two-letter code, e.g. DE",
        },
        "esign.phone.invalid": {
            "az": "Telefon nömrəsini beynəlxalq formatda göstərin, məs. +4930123456",
            "en": "Give the phone number in international format, e.g. +4930123456",
        },
        "esign.bic.invalid": {
            "az": "SWIFT/BIC kodu yanlışdır (8 və ya 11 simvol)",
            "en": "The SWIFT/BIC code is invalid (8 or 11 characters)",
        },
        # egov.esign.review
        "esign.reason.refused-by-review": {
            "az": "Dövlət orqanlarından biri ərizəyə mənfi rəy verib",
            "en": "One of the state bodies gave a negative opinion on the application",
        },
        "esign.refused.title": {
            "az": "Elektron imza müraciətiniz rədd edildi",
            "en": "Your e-signature application was refused",
        },
        "esign.refused.body": {
            "az": "{number} nömrəli müraciətinizə dövlət orqanlarının yoxlaması zamanı mənfi rəy "
            "verildi və müraciət rədd edildi. Ödənilmiş ödənişlər geri qaytarılmır.",
            "en": "Application {number} received a negative opinion in the state bodies' check "
            "and was refused. Fees paid are not refunded.",
        },
        "esign.vfin-issued.title": {
            "az": "Sizə virtual FİN verildi",
            "en": "You have been given a virtual FIN",
        },
        "esign.vfin-issued.body": {
            "az": "{number} nömrəli müraciətiniz üzrə virtual FİN-iniz: {vfin}. Müraciət "
            "sertifikat xidmətləri mərkəzinə göndərildi.",
            "en": "Your virtual FIN for application {number} is {vfin}. The application has "
            "been sent to the certificate services centre.",
        },
        "esign.note.opinions": {
            "az": "Rəylər: {opinions}",
            "en": "Opinions: {opinions}",
        },
        # egov.esign.rules
        "esign.carrier.operator-required": {
            "az": "ASAN İmza SİM kartı üçün mobil operatoru seçin",
            "en": "Choose the mobile operator of the ASAN İmza SIM card",
        },
        "esign.carrier.mobile-required": {
            "az": "ASAN İmza SİM kartına bağlı +994 mobil nömrəni göstərin",
            "en": "Give the +994 mobile number of the ASAN İmza SIM card",
        },
        "esign.carrier.sim-fields-for-token": {
            "az": "Token üçün operator və mobil nömrə göstərilmir",
            "en": "A token has no mobile operator or number",
        },
        "esign.applicant.resident": {
            "az": "Qeyri-rezident xarici ölkədə yaşamalıdır: daimi yaşadığı ölkə Azərbaycan ola "
            "bilməz",
            "en": "A non-resident lives abroad: the country of residence cannot be Azerbaijan",
        },
        "esign.applicant.fin-required": {
            "az": "Xaricdə daimi yaşayan Azərbaycan vətəndaşı şəxsiyyət vəsiqəsinin FİN-ini "
            "göstərməlidir",
            "en": "An Azerbaijani citizen living abroad must give the FIN of his ID card",
        },
        "esign.applicant.fin-only-citizens": {
            "az": "FİN yalnız Azərbaycan vətəndaşları üçün göstərilir",
            "en": "Only Azerbaijani citizens have a FIN",
        },
        "esign.applicant.citizenship-az": {
            "az": "Bu kateqoriya üçün vətəndaşlıq Azərbaycan olmalıdır",
            "en": "This category requires Azerbaijani citizenship",
        },
        "esign.applicant.citizenship-foreign": {
            "az": "Əcnəbi üçün Azərbaycandan başqa vətəndaşlıq göstərin",
            "en": "A foreigner has a citizenship other than Azerbaijani",
        },
        "esign.applicant.citizenship-stateless": {
            "az": "Vətəndaşlığı olmayan şəxs üçün vətəndaşlıq göstərilmir",
            "en": "A stateless person has no citizenship",
        },
        "esign.applicant.seal-required": {
            "az": "Möhür səlahiyyəti olduqda kommersiya hüquqi şəxsin möhür məlumatlarını göstərin",
            "en": "With seal authority, give the company's seal data",
        },
        "esign.document.expired": {
            "az": "Şəxsiyyəti təsdiq edən sənədin etibarlılıq müddəti bitib",
            "en": "The identity document has expired",
        },
        "esign.use.category-mismatch": {
            "az": "\u201cBiznes\u201d sertifikatı xaricdə fəaliyyət göstərən hüquqi şəxslər, "
            "\u201cŞəxsi\u201d sertifikat isə fiziki şəxslər üçündür",
            "en": "A Business certificate is for legal entities abroad, a Personal one for "
            "natural persons",
        },
        "esign.business.employment-required": {
            "az": "Biznes istifadəsi üçün çalışdığınız struktur vahidini və vəzifənizi göstərin",
            "en": "For business use, give the unit you work in and your position",
        },
        "esign.business.company-required": {
            "az": "Biznes istifadəsi üçün kommersiya hüquqi şəxsin adını göstərin",
            "en": "For business use, give the name of the commercial legal entity",
        },
        "esign.business.signing-scope-required": {
            "az": "Biznes istifadəsi üçün imzadan istifadə imkanlarını seçin",
            "en": "For business use, choose what the signature may sign",
        },
        "esign.business.seal-scope-required": {
            "az": "Möhür kimi istifadə edilən imzanın istifadə sahəsini seçin",
            "en": "Choose the scope of the signature used as a seal",
        },
        "esign.service.serial-required": {
            "az": "Bu xidmət üçün sertifikatın seriya nömrəsini göstərin",
            "en": "This service needs the certificate's serial number",
        },
        "esign.service.date-required": {
            "az": "Sertifikatın qüvvəsinin dəyişdiyi tarixi göstərin",
            "en": "Give the date from which the certificate's validity changes",
        },
        "esign.service.period-order": {
            "az": "Dayandırılma müddətinin sonu başlanğıcından sonra olmalıdır",
            "en": "A suspension must end after it starts",
        },
        "esign.declaration.required": {
            "az": "Ərizəni təsdiq etmək üçün bu bəyanat qəbul edilməlidir",
            "en": "This declaration must be accepted to confirm the application",
        },
        # egov.esign.vfin
        "esign.vfin-taken": {
            "az": "Bu virtual FİN artıq verilib",
            "en": "This virtual FIN has already been issued",
        },
        "esign.vfin-not-held": {
            "az": "Virtual FİN bu müraciətə aid deyil",
            "en": "The virtual FIN does not belong to this application",
        },
        # service 2: change of the initial application's data (egov.esign.changes)
        "esign.change.certificate-unknown": {
            "az": "Sizə verilmiş belə sertifikat yoxdur",
            "en": "No such certificate has been issued to you",
        },
        "esign.change.certificate-ended": {
            "az": "Sertifikatın vəziyyəti «{status}» olduğu üçün məlumatlar artıq dəyişdirilə "
            "bilməz",
            "en": "The data can no longer be changed: the certificate is “{status}”",
        },
        "esign.change.fixed-field": {
            "az": "Bu məlumat sertifikata daxildir və ya səfirlikdə sənədlərin əsli ilə "
            "yoxlanılıb; onu dəyişmək üçün yeni sertifikat üçün müraciət edin",
            "en": "This is part of the certificate or was checked against the originals at the "
            "embassy; to change it, apply for a new certificate",
        },
        "esign.data-changed.title": {
            "az": "Ərizə məlumatlarınız dəyişdirildi",
            "en": "Your application data have been changed",
        },
        "esign.data-changed.body": {
            "az": "{serial} seriya nömrəli sertifikatınız üzrə {number} nömrəli ərizənin "
            "məlumatları sizin müraciətinizlə dəyişdirildi. Bunu siz etməmisinizsə, dərhal "
            "Mərkəzə müraciət edin.",
            "en": "At your request the data of application {number} for your certificate "
            "{serial} have been changed. If this was not you, contact the Center at once.",
        },
    }
)
