"""The renewal form (R4, R5, R7): what the applicant enters. Personal and ASAN İmza data are not
in it: they are filled from the population registry, the certificate and the login, so they
cannot be edited (R4).

A rule a validator checks is also in the schema, and every refusal names its field (G7).
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from egov.platform import i18n
from egov.platform.adapters.gateways import EmailAddress
from egov.platform.adapters.mobile import MobileNumber
from egov.platform.adapters.population import Fin
from egov.platform.adapters.tax import Voen
from egov.platform.problems import Invalid
from egov.platform.text import Clean, Text

# The ASXM centres where documents are collected (R4), and the secret questions.
CENTRES: dict[str, dict[i18n.Lang, str]] = {
    "ASXM-BAKI-1": {"az": "Bakı, 1 saylı ASAN xidmət mərkəzi", "en": "Baku, ASAN service centre 1"},
    "ASXM-BAKI-3": {"az": "Bakı, 3 saylı ASAN xidmət mərkəzi", "en": "Baku, ASAN service centre 3"},
    "ASXM-SUMQAYIT": {"az": "Sumqayıt ASAN xidmət mərkəzi", "en": "Sumgait ASAN service centre"},
    "ASXM-GANCA": {"az": "Gəncə ASAN xidmət mərkəzi", "en": "Ganja ASAN service centre"},
}
QUESTIONS: dict[str, dict[i18n.Lang, str]] = {
    "mother-maiden-name": {"az": "Ananızın qızlıq soyadı?", "en": "Your mother's maiden name?"},
    "first-school": {"az": "İlk oxuduğunuz məktəb?", "en": "Your first school?"},
    "favourite-book": {"az": "Sevimli kitabınız?", "en": "Your favourite book?"},
    "birth-city": {"az": "Atanızın doğulduğu şəhər?", "en": "Your father's city of birth?"},
}
Centre = Literal["ASXM-BAKI-1", "ASXM-BAKI-3", "ASXM-SUMQAYIT", "ASXM-GANCA"]
Question = Literal["mother-maiden-name", "first-school", "favourite-book", "birth-city"]
Scope = Literal["internal", "external", "both"]

i18n.register(
    {
        "renewal.corporate-voen-required": {
            "az": "Nömrə korporativdirsə, VÖEN göstərilməlidir",
            "en": "A corporate number needs its VÖEN",
        },
        "renewal.email-required": {
            "az": "Bildirişlər e-poçtla gedəcəksə, e-poçt ünvanını yazın",
            "en": "Give the e-mail address the notices are to go to",
        },
        "renewal.mobile-required": {
            "az": "Bildirişlər SMS ilə gedəcəksə, əlaqə mobil nömrəsini yazın",
            "en": "Give the contact mobile number the notices are to go to",
        },
        "renewal.confirm-required": {
            "az": "Ərizə ilə tanış olduğunuzu və məlumatların doğruluğunu təsdiq edin",
            "en": "Confirm that you have read the application and that it is correct",
        },
    }
)


class View(BaseModel):
    model_config = ConfigDict(
        defer_build=True, alias_generator=to_camel, populate_by_name=True, extra="forbid"
    )


class Business(View):
    """R5: a business ("İş") or state-and-municipality certificate's organisation data."""

    voen: Voen = Field(
        description="The legal or natural person's VÖEN, checked in the tax registry"
    )
    name: Text = Field(description="The legal person's name (a natural person's full name)")
    position: Text = Field(description="The applicant's position")
    unit: Text = Field(description="The applicant's structural unit")
    seal_text: Text
    scope: Scope = Field(description="Signing scope: internal, external (sent) or both")


class Attorney(View):
    """R7: the power of attorney a non-head employee asks the head to sign."""

    name: Text
    surname: Text
    patronymic: Text
    fin: Fin
    voen: Voen
    seal_text: Text
    position: Text
    unit: Text


class RenewalForm(View):
    centre: Centre = Field(description="The ASXM centre the application goes to (R4)")
    secret_question: Question
    secret_answer: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100), Clean
    ] = Field(repr=False)
    number_owner: Literal["personal", "corporate"]
    corporate_voen: Voen | None = Field(None, description="Required for a corporate number")
    channel: Literal["email", "sms"] = Field(description="Where notices and documents go")
    email: EmailAddress | None = Field(None, description='Required for the channel "email"')
    contact_mobile: MobileNumber | None = Field(None, description='Required for the channel "sms"')
    business: Business | None = Field(None, description="Business and state certificates (R5)")
    attorney: Attorney | None = Field(None, description="A non-head employee's (R7)")
    confirmed: bool = Field(
        description="Ərizə ilə tanış oldum və məlumatların doğruluğunu imzamla təsdiq edirəm (R6)"
    )

    @field_validator("confirmed")
    @classmethod
    def _confirmed(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError("renewal.confirm-required", "confirm the application")
        return value


def check(form: RenewalForm) -> None:
    """The rules between fields (R4), each a 422 naming the field it concerns (G7)."""
    if form.number_owner == "corporate" and not form.corporate_voen:
        raise Invalid("renewal.corporate-voen-required", field="corporateVoen")
    if form.channel == "email" and not form.email:
        raise Invalid("renewal.email-required", field="email")
    if form.channel == "sms" and not form.contact_mobile:
        raise Invalid("renewal.mobile-required", field="contactMobile")
