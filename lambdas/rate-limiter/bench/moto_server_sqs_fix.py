#!/usr/bin/env python3
"""moto_server, with two SQS hot spots of moto 5.2.1 fixed, for the pipeline bench.

Why: in moto 5.2.1 every received message is checked against the queue's
retention period by calling `get_queue_attributes(["MessageRetentionPeriod"])`,
which rebuilds *every* attribute of the queue three times, and three of those
attributes (ApproximateNumberOfMessages, ...NotVisible, ...Delayed) scan every
message in the queue. A receive of 10 messages therefore scans the queue ~90
times: 138 ms with 200 messages in the queue, 1.2 s with 1,000 delayed ones
(measured, see the rate limiter's README). Deferred messages wait in the queue
as delayed messages, so after a Redis outage the emulator slows down as the
backlog grows, which grows the backlog: a feedback loop real SQS does not have.

The fix keeps moto's behaviour (same attributes, same validation, same
retention rule) and only stops recomputing:
- `get_queue_attributes` builds the queue's attributes once per call;
- the retention check reads the queue's retention period directly.

It also fixes a race that loses messages under concurrent use: `Queue.delete_message`
rebuilds the queue's message list without the lock `add_message` appends under,
so a message sent (and confirmed) while another thread deletes from the same
queue can be dropped when the rebuilt list replaces the old one. The bench's
deferrals (SendMessageBatch) and the pollers' DeleteMessageBatch hit the same
queue at once. A 3-minute run without this fix lost 4 messages (neither
delivered, nor queued, nor dead-lettered, and no failed send reported), which
is what this race does; found by reading the code, not reproduced in
isolation. The patched method is the same rebuild, under the lock. (Receive
still moves messages to the DLQ by redrive without the lock, so that path can
race with a delete too; the bench's runs dead-letter nothing.)

Everything else is stock moto_server; it takes the same arguments.
"""
import sys

from moto.core.utils import unix_time
from moto.server import main
from moto.sqs import models
from moto.sqs.exceptions import InvalidAttributeName, ReceiptHandleIsInvalid


def get_queue_attributes(self, queue_name, attribute_names):
    queue = self.get_queue(queue_name)
    if not attribute_names:
        return {}
    valid_names = (
        ["All"] + queue.BASE_ATTRIBUTES + queue.FIFO_ATTRIBUTES + queue.KMS_ATTRIBUTES
    )
    invalid_name = next(
        (name for name in attribute_names if name not in valid_names), None
    )
    if invalid_name or invalid_name == "":
        raise InvalidAttributeName(invalid_name)
    attributes = queue.attributes
    if "All" in attribute_names:
        return attributes
    return {
        name: attributes[name]
        for name in attribute_names
        if attributes.get(name) is not None
    }


def is_message_valid_based_on_retention_period(self, queue_name, message):
    retention_period = int(self.get_queue(queue_name).message_retention_period)
    return retention_period + message.sent_timestamp / 1000 > unix_time()


def delete_message(self, receipt_handle):
    # stock moto 5.2.1 Queue.delete_message, holding the lock add_message holds
    with self._messages_lock:
        if receipt_handle in self.deleted_messages:
            return
        if not any(
            message.had_receipt_handle(receipt_handle) for message in self._messages
        ):
            raise ReceiptHandleIsInvalid()
        new_messages = []
        for message in self._messages:
            if message.had_receipt_handle(receipt_handle):
                self.pending_messages.discard(message)
                self.deleted_messages.update(message.all_receipt_handles)
                continue
            new_messages.append(message)
        self._messages = new_messages


models.SQSBackend.get_queue_attributes = get_queue_attributes
models.Queue.delete_message = delete_message
models.SQSBackend.is_message_valid_based_on_retention_period = (
    is_message_valid_based_on_retention_period
)

if __name__ == "__main__":
    sys.exit(main())
