"""The export incentive's texts (X6): problems, the application's history, the exporter's
notices and the operator's alerts; Azerbaijani first (DESIGN rule 12). Imported by
egov.export.models, so every module that raises or sends one has them."""

from __future__ import annotations

from egov.platform import i18n

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
        "export.incentive.answer-differs": {
            "az": "Bu sorğuya başqa cavab artıq göndərilir; ikinci cavab qəbul edilmir",
            "en": "Another answer to this request is already being sent; a second is not accepted",
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
            "az": "{applicationId} ərizəsi üzrə təşviq köçürülmədi. Səbəb: {reason}",
            "en": "The incentive for application {applicationId} was not transferred. "
            "Reason: {reason}",
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
