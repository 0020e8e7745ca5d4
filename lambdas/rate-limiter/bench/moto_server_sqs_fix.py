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

Three more O(queue length) costs, found with cProfile on a queue of 2,000
visible and 1,000 delayed messages (a round of SendMessage + ReceiveMessage of
10 + DeleteMessageBatch of 10 took 194 ms; 13 ms with these):
- every message's `visible` / `delayed` check calls moto's `unix_time`, which
  builds two datetimes per call, and SendMessage builds every queue attribute
  (three counts over the whole queue) only to read ContentBasedDeduplication:
  the time is read with `time.time()` (same value) and the counts compare
  against one time per pass;
- DeleteMessageBatch deleted entry by entry, two passes over the queue each:
  one pass for the whole batch, the same answers in the same order.
`motoServerSqsFix.test.ts` runs the bench's SQS calls against stock moto and
this server and compares every answer.

Everything else is stock moto_server; it takes the same arguments.
"""
import sys
import time

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
    # stock moto 5.2.1 Queue.delete_message in one pass, holding the lock
    # add_message holds
    with self._messages_lock:
        if receipt_handle in self.deleted_messages:
            return
        kept = []
        found = False
        for message in self._messages:
            if message.had_receipt_handle(receipt_handle):
                found = True
                self.pending_messages.discard(message)
                self.deleted_messages.update(message.all_receipt_handles)
                continue
            kept.append(message)
        if not found:
            raise ReceiptHandleIsInvalid()
        self._messages = kept


def delete_message_batch(self, queue_name, receipts):
    # stock moto 5.2.1 deletes entry by entry, each a pass over the queue; one
    # pass for the whole batch, same answers in the same order
    queue = self.get_queue(queue_name)
    with queue._messages_lock:
        already = {
            r["ReceiptHandle"]
            for r in receipts
            if r["ReceiptHandle"] in queue.deleted_messages
        }
        wanted = {r["ReceiptHandle"] for r in receipts} - already
        found = set()
        kept = []
        for message in queue._messages:
            hits = wanted.intersection(message.all_receipt_handles)
            if hits:
                found.update(hits)
                queue.pending_messages.discard(message)
                queue.deleted_messages.update(message.all_receipt_handles)
                continue
            kept.append(message)
        queue._messages = kept
    success, errors = [], []
    for r in receipts:
        if r["ReceiptHandle"] in already or r["ReceiptHandle"] in found:
            success.append(r["Id"])
        else:
            errors.append(
                {
                    "Id": r["Id"],
                    "SenderFault": True,
                    "Code": "ReceiptHandleIsInvalid",
                    "Message": f'The input receipt handle "{r["ReceiptHandle"]}" is not a valid receipt handle.',
                }
            )
    return success, errors


def now_ms():
    return time.time() * 1000.0


def unix_time(dt=None):
    # moto's unix_time builds two datetimes per call; the queue's counts call it
    # twice per message in the queue. Same value (epoch seconds, UTC).
    return time.time() if dt is None else stock_unix_time(dt)


def unix_time_millis(dt=None):
    return unix_time(dt) * 1000.0


def visible_messages(self):
    now = now_ms()
    return [m for m in self._messages if now > m.visible_at and not now < m.delayed_until]


def count_delayed(self):
    now = now_ms()
    return sum(1 for m in self._messages if now < m.delayed_until)


def count_not_visible(self):
    now = now_ms()
    return sum(1 for m in self._messages if not now > m.visible_at)


models.SQSBackend.get_queue_attributes = get_queue_attributes
models.Queue.delete_message = delete_message
models.SQSBackend.delete_message_batch = delete_message_batch
stock_unix_time = models.unix_time
models.unix_time = unix_time
models.unix_time_millis = unix_time_millis
models.Queue.messages = property(visible_messages)
models.Queue.approximate_number_of_messages_delayed = property(count_delayed)
models.Queue.approximate_number_of_messages_not_visible = property(count_not_visible)
models.SQSBackend.is_message_valid_based_on_retention_period = (
    is_message_valid_based_on_retention_period
)

if __name__ == "__main__":
    sys.exit(main())
