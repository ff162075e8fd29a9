"""What is kept: counts per day (answers per page, the guide's steps) and the scrubbed
texts. No address, user agent, cookie, session or referrer is ever written; a day,
not a time. A write that fails is logged at ERROR without what was sent; the caller says so."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Date, Integer, String, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TEXT_MAX = 500
PATH_MAX = 200


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class PageAnswer(db.Model):
    """How many answered "yes" or "no" on a page, per day and language."""

    __tablename__ = "page_answers"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    path: Mapped[str] = mapped_column(String(PATH_MAX), primary_key=True)
    lang: Mapped[str] = mapped_column(String(2), primary_key=True)
    answer: Mapped[str] = mapped_column(String(3), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class FunnelCount(db.Model):
    """How many reached a step of the guide, per day and language."""

    __tablename__ = "funnel_counts"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    lang: Mapped[str] = mapped_column(String(2), primary_key=True)
    step: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class Comment(db.Model):
    """What someone missed on a page, after scrubbing."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    path: Mapped[str] = mapped_column(String(PATH_MAX))
    lang: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(String(TEXT_MAX))


def today():
    return datetime.now(ZoneInfo("Europe/Copenhagen")).date()


def _write(statement):
    try:
        db.session.execute(statement)
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.error("feedback: not stored (%s)", type(error).__name__)
        return False
    return True


def _add_one(model, **key):
    """One upsert: the day's row for `key` counts one more."""
    dialects = {"postgresql": postgresql, "sqlite": sqlite}
    dialect = dialects[db.session.get_bind().dialect.name]
    statement = dialect.insert(model).values(day=today(), count=1, **key)
    return _write(statement.on_conflict_do_update(
        index_elements=["day", *key], set_={"count": model.__table__.c.count + 1}))


def add_answer(path, lang, answer):
    return _add_one(PageAnswer, path=path, lang=lang, answer=answer)


def add_step(lang, step):
    return _add_one(FunnelCount, lang=lang, step=step)


def add_comment(path, lang, text):
    insert = Comment.__table__.insert()
    return _write(insert.values(day=today(), path=path, lang=lang, text=text[:TEXT_MAX]))


def answers_by(*columns, since=None):
    """[(columns..., answer, total)] summed over the days from `since`."""
    query = select(*columns, PageAnswer.answer, func.sum(PageAnswer.count))
    if since:
        query = query.where(PageAnswer.day >= since)
    return db.session.execute(query.group_by(*columns, PageAnswer.answer)).all()


def steps_by(*columns, since=None):
    """[(columns..., step, total)] summed over the days from `since`."""
    query = select(*columns, FunnelCount.step, func.sum(FunnelCount.count))
    if since:
        query = query.where(FunnelCount.day >= since)
    return db.session.execute(query.group_by(*columns, FunnelCount.step)).all()


def comments(since=None):
    query = select(Comment).order_by(Comment.day, Comment.id)
    if since:
        query = query.where(Comment.day >= since)
    return db.session.scalars(query).all()


def prune(before):
    """Delete the texts from before `before`; the counts stay. Returns how many."""
    result = db.session.execute(Comment.__table__.delete().where(Comment.day < before))
    db.session.commit()
    return result.rowcount


def engine_options(uri):
    """Short timeouts: a store that does not answer is skipped (logged), not waited for."""
    if uri.startswith("sqlite"):
        return {"connect_args": {"timeout": 2}}
    if uri.startswith("postgresql"):
        return {"pool_pre_ping": True, "connect_args": {"connect_timeout": 3}}
    return {}
