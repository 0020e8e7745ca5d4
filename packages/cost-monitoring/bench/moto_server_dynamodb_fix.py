#!/usr/bin/env python3
"""moto_server, with four DynamoDB costs of moto 5.2.1 that grow with the table
(or with the attributes of an item) made proportional to the work asked, for
the ledger bench. Measured in-process on a table of 5,200 ledger items, and
with cProfile on the server during the bench's live writes.

1. Query sorts the whole table. Every Query calls `Table.all_items()`, which
   collects every item of the table and sorts them all by primary key (each
   comparison casts both DynamoType values). Only then does Query keep the
   asked partition (or, on an index, the items with the index's hash key) and
   sort those again: ~200 ms for a one-day, one-provider Query, whatever the
   key design. For the duration of a Query on the calling thread,
   `all_items()` now hands over
   - on the table, the asked partition's items (Query keeps exactly those from
     the whole table, then sorts them by range key itself);
   - on an index, the table's items unsorted (Query filters them, then sorts
     the matches on index hash, index range, table hash and table range keys:
     a total order, so the input order cannot change the answer).
   Scans, exports and everything else still get moto's sorted list.
2. Every attribute value of an answer goes through moto's model-driven
   serializer, which tries each of AttributeValue's ten members by several
   names: ~1 ms per ledger item (33 items: 40 ms of a 49 ms Query). A value
   that is already a plain scalar AttributeValue (one of S, N, BOOL, NULL, SS,
   NS) is written as it is, which is what the serializer produces from it;
   anything else (maps, lists, binaries) takes the stock path.
3. TransactWriteItems deep-copies the whole table once per item of the
   transaction, to roll back on failure: a transaction of 50 puts on a table of
   5,700 items took ~27 s. The rollback now restores the items the
   transaction names (a deep copy of each, taken first), on the same failures
   stock moto rolls back on; the stock per-table copy is skipped.
4. Every stored item checks the 400 KB limit once per attribute, and each
   check sums the sizes of all the attributes set so far: quadratic in the
   attributes, 31 % of the server's time while the bench writes ledger items
   of 15 attributes. The item now keeps the running total: the same check, in
   the same order, raising the same error at the same attribute.

`ledgerMotoFix.test.ts` runs the library's writes (batch, rollups, named
entries with a duplicate that cancels a transaction) and queries against stock
moto and this server and compares every answer and the tables' contents.

Everything else is stock moto_server; it takes the same arguments.
"""
import sys
import copy
import inspect
import threading

from moto.core.serialize import BaseJSONSerializer
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.exceptions import (
    MockValidationException,
    TransactionCanceledException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.utilities import bytesize
from moto.dynamodb.models.table import Table
from moto.server import main

stock_query = Table.query
QUERY_SIGNATURE = inspect.signature(stock_query)
stock_all_items = Table.all_items
in_query = threading.local()


def query(self, hash_key, *args, **kwargs):
    # moto passes index_name by position; binding finds it either way
    index_name = QUERY_SIGNATURE.bind(self, hash_key, *args, **kwargs).arguments.get(
        "index_name"
    )
    if index_name:
        in_query.partition = ("index", None)
    elif hash_key is not None:
        in_query.partition = ("table", hash_key)
    try:
        return stock_query(self, hash_key, *args, **kwargs)
    finally:
        in_query.partition = None


def all_items(self):
    partition = getattr(in_query, "partition", None)
    if partition is None:
        return stock_all_items(self)
    kind, hash_key = partition
    if kind == "table" and self.range_key_attr:
        return list(self.items.get(hash_key, {}).values())
    if kind == "table":
        item = self.items.get(hash_key)
        return [item] if item is not None else []
    items = []
    for hash_set in self.items.values():
        if self.range_key_attr:
            items.extend(hash_set.values())
        else:
            items.append(hash_set)
    return items


SCALAR_TYPES = {
    "S": str,
    "N": str,
    "BOOL": bool,
    "NULL": bool,
    "SS": list,
    "NS": list,
}
stock_serialize_structure = BaseJSONSerializer._serialize_type_structure


def serialize_structure(self, serialized, value, shape, key):
    if shape.name == "AttributeValue" and key and is_plain_scalar(value):
        self._default_serialize(serialized, dict(value), shape, key)
        return
    stock_serialize_structure(self, serialized, value, shape, key)


def is_plain_scalar(value):
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((member, v),) = value.items()
    kind = SCALAR_TYPES.get(member)
    if kind is None or type(v) is not kind:
        return False
    return kind is not list or all(type(x) is str for x in v)


stock_transact_write_items = DynamoDBBackend.transact_write_items
in_transaction = threading.local()
MISSING = object()


class TableCopySkippedInTransactions:
    """What moto's DynamoDB models see as the `copy` module."""

    def __getattr__(self, name):
        return getattr(copy, name)

    def deepcopy(self, value, *args):
        if getattr(in_transaction, "active", False) and isinstance(value, Table):
            return value
        return copy.deepcopy(value, *args)


def named_items(backend, transact_items):
    """(table, hash key, range key) of every item the transaction names."""
    keys = []
    for entry in transact_items:
        try:
            op_type, op = next(iter(entry.items()))
            table = backend.tables.get(op.get("TableName"))
            if table is None:
                continue
            attrs = op["Item"] if op_type == "Put" else op["Key"]
            hash_key = DynamoType(attrs[table.hash_key_attr])
            range_key = (
                DynamoType(attrs[table.range_key_attr])
                if table.range_key_attr
                else None
            )
            keys.append((table, hash_key, range_key))
        except Exception:
            # A malformed item: stock moto reports it; nothing of it is stored.
            continue
    return keys


def snapshot(keys):
    saved = []
    for table, hash_key, range_key in keys:
        if range_key is None:
            item = table.items.get(hash_key, MISSING)
        else:
            item = table.items.get(hash_key, {}).get(range_key, MISSING)
        saved.append(
            (table, hash_key, range_key, item if item is MISSING else copy.deepcopy(item))
        )
    return saved


def restore(saved):
    for table, hash_key, range_key, item in reversed(saved):
        if range_key is None:
            if item is MISSING:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = item
            continue
        partition = table.items.get(hash_key)
        if item is MISSING:
            if partition is not None:
                partition.pop(range_key, None)
                if not partition:
                    table.items.pop(hash_key, None)
        else:
            table.items.setdefault(hash_key, {})[range_key] = item


def transact_write_items(self, transact_items):
    saved = snapshot(named_items(self, transact_items))
    in_transaction.active = True
    try:
        return stock_transact_write_items(self, transact_items)
    except (MockValidationException, TransactionCanceledException):
        # The failures stock moto rolls back on (MultipleTransactionsException
        # is a MockValidationException).
        restore(saved)
        raise
    finally:
        in_transaction.active = False


ITEM_SIZE_LIMIT = 405000  # moto's limit (DynamoDB's 400 KB, as moto measures it)


def item_init(self, hash_key, range_key, attrs):
    # stock: LimitedSizeDict.__setitem__ re-sums every attribute set so far
    self.hash_key = hash_key
    self.range_key = range_key
    self.attrs = LimitedSizeDict()
    size = 0
    for key, value in attrs.items():
        value = DynamoType(value)
        size += bytesize(key) + value.size()
        if size > ITEM_SIZE_LIMIT:
            raise ItemSizeTooLarge
        dict.__setitem__(self.attrs, key, value)


Table.query = query
Table.all_items = all_items
BaseJSONSerializer._serialize_type_structure = serialize_structure
DynamoDBBackend.transact_write_items = transact_write_items
dynamodb_models.copy = TableCopySkippedInTransactions()
Item.__init__ = item_init

if __name__ == "__main__":
    sys.exit(main())
