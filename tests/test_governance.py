"""The security concerns of rules.governance and rules.detection: their fields load (and are refused with a
clear hint when wrong), their choices are drawn once in the security strip, templated and priced."""
from __future__ import annotations

from archadvisor.cloudformation import generate
from archadvisor.pipeline import design_document, resolved
from conftest import decision, one, workload_from

BOTH_SECRETS = {"security": {"app_secrets": True, "secrets_rotation": True, "watch_for": "exposed-sensitive-data",
                             "detect_sensitive_data": True, "encryption_at_rest": True,
                             "cross_account_decrypt": True, "custom_key_rotation": True},
                "data": [{"name": "exports", "kind": "object"}]}


def _design(data: dict) -> tuple[dict, object]:
    workload = workload_from(data)
    doc = design_document(workload)
    return doc, generate(doc, resolved(workload, doc))


def test_the_new_security_fields_load():
    workload = workload_from({"security": {"watch_for": "security-posture", "bucket_access": "vpc-endpoint-only",
                                           "accounts": 12, "guardrails": "detect", "dedicated_hsm": True}})
    security = workload.plain()["security"]
    assert (security["watch_for"], security["accounts"], security["dedicated_hsm"]) == ("security-posture", 12, True)


def test_a_misspelled_watch_for_value_gets_did_you_mean():
    problem = one("name: shop\nsecurity:\n  watch_for: malicious-activty\n")
    assert (problem.line, problem.path) == (3, "security.watch_for")
    assert "did you mean 'malicious-activity'?" in problem.hint


def test_accounts_must_be_at_least_one():
    problem = one("name: shop\nsecurity:\n  accounts: 0\n")
    assert problem.path == "security.accounts"


def test_a_service_two_concerns_decide_is_drawn_once_and_shows_both_decisions():
    doc, _ = _design(BOTH_SECRETS)
    assert decision(doc, "credential-store")["choice"] == decision(doc, "secrets")["choice"] == "secrets-manager"
    assert decision(doc, "threat-detection")["choice"] == decision(doc, "sensitive-data")["choice"] == "macie"
    for service in ("secrets-manager", "macie"):
        nodes = [c for c in doc["components"] if c["service"] == service]
        assert len(nodes) == 1, nodes
    secrets = next(c for c in doc["components"] if c["service"] == "secrets-manager")
    assert "credential-store" in secrets["annotates"]
    kms = next(c for c in doc["components"] if c["service"] == "kms")
    assert "encryption-key" in kms["annotates"]          # the key type is written on the KMS node
    assert not [c for c in doc["components"] if c["service"] == "kms-customer-managed-key"]


def test_a_customer_managed_key_rotates_on_the_chosen_period_and_trusts_the_other_account():
    _, result = _design({"security": {"cross_account_decrypt": True, "custom_key_rotation": True}})
    template = result.templates["template.yaml"]
    key = next(r for r in template["Resources"].values() if r["Type"] == "AWS::KMS::Key")
    assert key["Properties"]["RotationPeriodInDays"] == {"Ref": "KeyRotationDays"}
    assert template["Parameters"]["KeyRotationDays"]["Default"] == 180
    assert "TrustedAccountId" in template["Parameters"]
    assert [s["Sid"] for s in key["Properties"]["KeyPolicy"]["Statement"]] == ["AccountAdministers", "ServicesEncrypt",
                                                                             "OtherAccountDecrypts"]


def test_controls_without_a_resource_become_manual_steps():
    _, result = _design({"security": {"dedicated_hsm": True, "new_accounts": True, "accounts": 20}})
    steps = " ".join(m.step for m in result.manual)
    assert "CloudHSM cluster" in steps and "Control Tower landing zone" in steps
    assert not result.uncovered


def test_a_cloudhsm_key_store_is_priced_for_two_hsms_beside_the_kms_key():
    doc, _ = _design({"security": {"dedicated_hsm": True, "encryption_at_rest": True}})
    assert {"kms", "kms-cloudhsm-key-store"} <= {c["service"] for c in doc["components"]}
    lines = [line for item in doc["cost"]["components"] for line in item["lines"]
             if line["price"] == "cloudhsm-hsm-hour"]
    assert lines and lines[0]["quantity"] == 2 * 730


NEW_CONCERNS = ["encryption-key", "credential-store", "threat-detection", "bucket-access", "account-guardrails"]


def test_the_quiz_asks_fair_secure_questions_on_the_new_concerns():
    from archadvisor.quiz import measure
    from archadvisor.quiz.generate import generate

    questions = [q.to_dict() for q in generate(8, 5, NEW_CONCERNS)]
    assert {q["concern"] for q in questions} & set(NEW_CONCERNS)
    for question in questions:
        audit = measure.audit(question)
        assert not audit["standing"] and audit["key_stated"] and not audit["field_paths"], audit
        assert question["domain"] == "secure"


def test_every_new_security_field_is_told_in_words_of_its_own():
    """Not the field's documentation ("Who may reach the object stores' buckets, and how: never-public.")."""
    from random import Random

    from archadvisor.quiz import fields, prose

    for path in ("security.custom_key_rotation", "security.cross_account_decrypt", "security.disable_keys",
                 "security.dedicated_hsm", "security.keys_outside_aws", "security.app_secrets", "security.watch_for",
                 "security.bucket_access", "security.accounts", "security.guardrails", "security.delegated_iam",
                 "security.new_accounts"):
        for value in fields.value_pool(path):
            text = prose.sentence(path, value, Random(0))
            assert text != prose._from_doc(path, value).replace("{v}", str(value)), text
            assert str(value) not in text or isinstance(value, int), text


def test_every_option_of_the_new_concerns_reads_as_an_action():
    from archadvisor.quiz import wording
    from archadvisor.rules import concerns

    for concern in (c for c in concerns() if c.id in NEW_CONCERNS):
        for choice in concern.choices:
            text = wording.action(concern.id, "X", "the data", choice)
            assert text.endswith(".") and text.split()[0] in ("Encrypt", "Rely", "Keep", "Enable", "Add", "Attach",
                                                               "Turn", "Set", "Give", "Require", "Deploy"), text


def test_measure_reports_the_share_of_the_secure_domain():
    from archadvisor.quiz import measure
    from archadvisor.quiz.generate import generate

    found = measure.summary([q.to_dict() for q in generate(4, 5, ["threat-detection"])])
    assert found["domain secure"].startswith("4/4")
