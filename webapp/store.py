"""The state every process and every copy of the app must share, configured here once:
the ids of sessions ended by "Finish and clear" and "Start again" (webapp/session.py),
the guide's steps already counted in a run (webapp/feedback/funnel.py), and the
feedback limit's counters (webapp/limits.py).

With REDIS_URL (`redis://host:6379/0`, or `unix:///path/redis.sock`) all of it is in
Redis, with one connection pool per process; without it, in this process's memory
(`make run`, the tests), which is right for one process only. Nothing about a person
is kept: a session's random id, the names of the steps, and the limit's counters per
client address, each only for a session's lifetime or the limit's window.

Checking a cookie costs no round trip: each process keeps the ended ids itself, told
of each new one at once by Redis's publish/subscribe (`EndedIds`), and remembers the
steps it has seen counted. Until it is listening (at start, after a lost connection)
it asks Redis.

A store that does not answer is logged at ERROR and the site goes on: an ended cookie
is accepted again, a step is not counted, and the limit counts in each process."""

import os
import threading
import time
from collections import OrderedDict

import redis
from flask import current_app
from redis.backoff import NoBackoff
from redis.retry import Retry

MEMORY_MAX = 100_000  # sessions remembered in memory; about 20 MB at most, oldest dropped
TIMEOUT = 0.5  # seconds for Redis to connect or answer before the site goes on without it
PREFIX = "aktivitetstilbud:"
CHANNEL = f"{PREFIX}ended"
LISTEN_RETRY = 5  # seconds between tries to listen again; each check asks Redis meanwhile
FRESH = 60  # seconds: a step counted is noted in Redis again only if its expiry moves more


def shared(app=None):
    """The app's shared store."""
    return (app or current_app).extensions["shared_store"]


class MemoryStore:
    """This process's memory: per session id, the steps counted and how long to keep them."""

    where = "memory"

    def __init__(self):
        self._until = OrderedDict()  # key -> (until, set of members)
        self._lock = threading.Lock()

    def _get(self, key, now):
        while self._until and next(iter(self._until.values()))[0] < now:
            self._until.popitem(last=False)
        found = self._until.get(key)
        return found[1] if found and found[0] >= now else None

    def _put(self, key, members, seconds):
        self._until[key] = (time.time() + seconds, members)
        self._until.move_to_end(key)
        while len(self._until) > MEMORY_MAX:
            self._until.popitem(last=False)

    def end(self, sid, seconds):
        with self._lock:
            self._put(("ended", sid), set(), seconds)

    def is_ended(self, sid):
        with self._lock:
            return self._get(("ended", sid), time.time()) is not None

    def first_time(self, sid, step, seconds):
        """Note `step` for the session; True if it was not noted before."""
        with self._lock:
            steps = self._get(("counted", sid), time.time()) or set()
            new = step not in steps
            self._put(("counted", sid), steps | {step}, seconds)
        return new

    def check(self):
        """Raises when the store does not answer (this one always does)."""


class EndedIds:
    """This process's copy of the ended session ids, kept true by listening on CHANNEL:
    on (re)start it subscribes, and only once the subscription is confirmed reads the
    ids already ended, so none ended in between is missed. Before each check it reads
    what has arrived (a poll, no round trip); an id ended anywhere has reached the
    socket before the reply to its ending did. A lost connection is not reconnected
    behind its back (messages in the gap would be missed): it stops listening."""

    def __init__(self, url):
        # No retries: a reconnect would drop what was published in between unnoticed.
        self.client = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT,
                                           retry=Retry(NoBackoff(), 0))
        self._lock = threading.Lock()
        self._pubsub, self._pid, self._until, self._retry_at = None, None, {}, 0.0

    def knows(self, sid):
        """True or False while listening; None when not (then ask Redis)."""
        now = time.time()
        with self._lock:
            if not self._listening(now):
                return None
            try:
                while (message := self._pubsub.get_message(timeout=0)) is not None:
                    self._note(message, now)
            except (redis.RedisError, OSError, ValueError):
                self._stop(now)
                return None
            if len(self._until) > MEMORY_MAX:
                self._until = {s: u for s, u in self._until.items() if u >= now}
                if len(self._until) > MEMORY_MAX:
                    self._stop(now)  # a flood of endings: Redis is asked instead
                    return None
            return self._until.get(sid, 0) >= now

    def add(self, sid, seconds):
        with self._lock:
            self._until[sid] = time.time() + seconds

    def _note(self, message, now):
        if message["type"] != "message":
            return
        sid, _, seconds = message["data"].decode().partition(" ")
        self._until[sid] = now + int(seconds)

    def _listening(self, now):
        if self._pubsub is not None and self._pid != os.getpid():
            self._pubsub, self._until = None, {}  # the parent's, from before a fork
        if self._pubsub is not None:
            return True
        if now < self._retry_at:
            return False
        try:
            pubsub = self.client.pubsub()
            pubsub.subscribe(CHANNEL)
            if pubsub.get_message(timeout=TIMEOUT) is None:
                raise redis.TimeoutError("no confirmation of the subscription")
            keys = list(self.client.scan_iter(match=f"{PREFIX}ended:*", count=1000))
            pipe = self.client.pipeline(transaction=False)
            for key in keys:
                pipe.ttl(key)
            lives = pipe.execute() if keys else []
        except (redis.RedisError, OSError) as error:
            current_app.logger.error("shared store: listening for ended sessions failed (%s)",
                                     type(error).__name__)
            self._stop(now)
            return False
        self._until = {key.decode().removeprefix(f"{PREFIX}ended:"): now + life
                       for key, life in zip(keys, lives, strict=True) if life > 0}
        self._pubsub, self._pid = pubsub, os.getpid()
        return True

    def _stop(self, now):
        if self._pubsub is not None and self._pid == os.getpid():
            try:
                self._pubsub.close()
            except (redis.RedisError, OSError):
                pass
        self._pubsub, self._pid, self._until = None, None, {}
        self._retry_at = now + LISTEN_RETRY


class RedisStore:
    where = "redis"

    def __init__(self, url):
        self.pool = redis.ConnectionPool.from_url(
            url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        self.client = redis.Redis(connection_pool=self.pool)
        self.ended = EndedIds(url)
        self._counted = OrderedDict()  # (sid, step) -> until when Redis keeps the note
        self._lock = threading.Lock()

    def _try(self, what, command, otherwise):
        try:
            return command()
        except redis.RedisError as error:
            current_app.logger.error("shared store: %s failed (%s)", what, type(error).__name__)
            return otherwise

    def end(self, sid, seconds):
        seconds = max(1, int(seconds))

        def tell():
            pipe = self.client.pipeline(transaction=False)
            pipe.set(f"{PREFIX}ended:{sid}", 1, ex=seconds)
            pipe.publish(CHANNEL, f"{sid} {seconds}")
            pipe.execute()

        self._try("ending a session", tell, None)
        self.ended.add(sid, seconds)

    def is_ended(self, sid):
        known = self.ended.knows(sid)
        if known is not None:
            return known
        return bool(self._try("checking a session", lambda: self.client.exists(f"{PREFIX}ended:{sid}"), 0))

    def first_time(self, sid, step, seconds):
        """Note `step` for the session; True if it was not noted before. No round trip
        when this process saw it noted and the note's expiry would move by under FRESH."""
        key, until = f"{PREFIX}counted:{sid}", time.time() + max(1, int(seconds))
        with self._lock:
            if self._counted.get((sid, step), 0) >= until - FRESH:
                return False

        def note():
            pipe = self.client.pipeline(transaction=False)
            pipe.hsetnx(key, step, 1)
            pipe.expire(key, max(1, int(seconds)))
            return pipe.execute()[0]

        new = self._try("noting a step", note, None)
        if new is None:
            return False
        with self._lock:
            self._counted[(sid, step)] = until
            self._counted.move_to_end((sid, step))
            while len(self._counted) > MEMORY_MAX:
                self._counted.popitem(last=False)
        return bool(new)

    def check(self):
        self.client.ping()


def init_app(app):
    url = app.config.get("REDIS_URL")
    app.extensions["shared_store"] = RedisStore(url) if url else MemoryStore()
