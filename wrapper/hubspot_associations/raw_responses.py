"""``client.with_raw_response``: each call of a resource that returns a result
(not an iterator) returns a ``RawResponse`` of it instead (``responses``).

Written by scripts/derive from the resources (``resources/``); do not edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .responses import RawCalls, async_raw_response, raw_response

if TYPE_CHECKING:
    from .client import AsyncClient, Client
    from .resources.batch import AsyncBatch, Batch
    from .resources.labels import AsyncLabels, Labels
    from .resources.limits import AsyncLimits, Limits
    from .resources.records import AsyncRecords, Records
    from .resources.reports import AsyncReports, Reports
    from .resources.sync import AsyncSync, Sync


class AsyncRawBatch(RawCalls):
    """``client.with_raw_response.batch``: the calls of ``client.batch`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, batch: AsyncBatch, owner: object) -> None:
        super().__init__(batch, "batch")
        self.create = async_raw_response(batch.create, owner)
        self.associate_default = async_raw_response(batch.associate_default, owner)
        self.archive = async_raw_response(batch.archive, owner)
        self.archive_labels = async_raw_response(batch.archive_labels, owner)


class AsyncRawLabels(RawCalls):
    """``client.with_raw_response.labels``: the calls of ``client.labels`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, labels: AsyncLabels, owner: object) -> None:
        super().__init__(labels, "labels")
        self.list = async_raw_response(labels.list, owner)
        self.create = async_raw_response(labels.create, owner)
        self.update = async_raw_response(labels.update, owner)
        self.delete = async_raw_response(labels.delete, owner)


class AsyncRawLimits(RawCalls):
    """``client.with_raw_response.limits``: the calls of ``client.limits`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, limits: AsyncLimits, owner: object) -> None:
        super().__init__(limits, "limits")
        self.list = async_raw_response(limits.list, owner)
        self.create = async_raw_response(limits.create, owner)
        self.update = async_raw_response(limits.update, owner)
        self.purge = async_raw_response(limits.purge, owner)


class AsyncRawRecords(RawCalls):
    """``client.with_raw_response.records``: the calls of ``client.records`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, records: AsyncRecords, owner: object) -> None:
        super().__init__(records, "records")
        self.associate = async_raw_response(records.associate, owner)
        self.remove = async_raw_response(records.remove, owner)


class AsyncRawReports(RawCalls):
    """``client.with_raw_response.reports``: the calls of ``client.reports`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, reports: AsyncReports, owner: object) -> None:
        super().__init__(reports, "reports")
        self.high_usage = async_raw_response(reports.high_usage, owner)


class AsyncRawSync(RawCalls):
    """``client.with_raw_response.sync``: the calls of ``client.sync`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, sync: AsyncSync, owner: object) -> None:
        super().__init__(sync, "sync")
        self.plan = async_raw_response(sync.plan, owner)
        self.apply = async_raw_response(sync.apply, owner)


class AsyncRawResponses:
    """``client.with_raw_response``: ``.labels.list(...)`` and every other call that
    returns a result (not an iterator) gives a ``RawResponse`` wrapping that result
    (awaited, for an ``AsyncClient``)."""

    def __init__(self, client: AsyncClient) -> None:
        owner = client.stats  # a client's copies record into its stats' recorders
        self.batch = AsyncRawBatch(client.batch, owner)
        self.labels = AsyncRawLabels(client.labels, owner)
        self.limits = AsyncRawLimits(client.limits, owner)
        self.records = AsyncRawRecords(client.records, owner)
        self.reports = AsyncRawReports(client.reports, owner)
        self.sync = AsyncRawSync(client.sync, owner)


class RawBatch(RawCalls):
    """``client.with_raw_response.batch``: the calls of ``client.batch`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, batch: Batch, owner: object) -> None:
        super().__init__(batch, "batch")
        self.create = raw_response(batch.create, owner)
        self.associate_default = raw_response(batch.associate_default, owner)
        self.archive = raw_response(batch.archive, owner)
        self.archive_labels = raw_response(batch.archive_labels, owner)


class RawLabels(RawCalls):
    """``client.with_raw_response.labels``: the calls of ``client.labels`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, labels: Labels, owner: object) -> None:
        super().__init__(labels, "labels")
        self.list = raw_response(labels.list, owner)
        self.create = raw_response(labels.create, owner)
        self.update = raw_response(labels.update, owner)
        self.delete = raw_response(labels.delete, owner)


class RawLimits(RawCalls):
    """``client.with_raw_response.limits``: the calls of ``client.limits`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, limits: Limits, owner: object) -> None:
        super().__init__(limits, "limits")
        self.list = raw_response(limits.list, owner)
        self.create = raw_response(limits.create, owner)
        self.update = raw_response(limits.update, owner)
        self.purge = raw_response(limits.purge, owner)


class RawRecords(RawCalls):
    """``client.with_raw_response.records``: the calls of ``client.records`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, records: Records, owner: object) -> None:
        super().__init__(records, "records")
        self.associate = raw_response(records.associate, owner)
        self.remove = raw_response(records.remove, owner)


class RawReports(RawCalls):
    """``client.with_raw_response.reports``: the calls of ``client.reports`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, reports: Reports, owner: object) -> None:
        super().__init__(reports, "reports")
        self.high_usage = raw_response(reports.high_usage, owner)


class RawSync(RawCalls):
    """``client.with_raw_response.sync``: the calls of ``client.sync`` that
    return a result, each returning a ``RawResponse`` of it."""

    def __init__(self, sync: Sync, owner: object) -> None:
        super().__init__(sync, "sync")
        self.plan = raw_response(sync.plan, owner)
        self.apply = raw_response(sync.apply, owner)


class RawResponses:
    """``client.with_raw_response``: ``.labels.list(...)`` and every other call that
    returns a result (not an iterator) gives a ``RawResponse`` wrapping that result
    (awaited, for an ``AsyncClient``)."""

    def __init__(self, client: Client) -> None:
        owner = client.stats  # a client's copies record into its stats' recorders
        self.batch = RawBatch(client.batch, owner)
        self.labels = RawLabels(client.labels, owner)
        self.limits = RawLimits(client.limits, owner)
        self.records = RawRecords(client.records, owner)
        self.reports = RawReports(client.reports, owner)
        self.sync = RawSync(client.sync, owner)
