"""The e-wallet's rules without AWS (X10; seed 001 part 2)."""

from __future__ import annotations

from egov.export import wallet
from egov.platform import payments


def test_x10_the_booking_step_reads_the_payment_waits_own_model() -> None:
    """X10, G6 (issue 15 review item 4): the top-up's booking step validates the payment wait's
    output with `payments.Settled`, the platform's one model of it, not a copy of its own; a
    change to what the wait hands over is made once."""
    assert wallet.TopUpSettled.model_fields["payment"].annotation is payments.Settled
    event = wallet.TopUpSettled.model_validate(
        {
            "event": "top-up-settled",
            "topUpId": "t1",
            "payment": {"paymentId": "p1", "status": "paid", "settledAt": "2026-12-02T08:00:00Z"},
        }
    )
    assert (event.payment.payment_id, event.payment.status) == ("p1", "paid")
