/**
 * The newsflow event contract.
 *
 * <p>Every event is a record serialised as plain JSON (see {@link dev.newsflow.events.ArticleEventJson}),
 * keyed by article id, with CloudEvents attributes in {@code ce_*} Kafka headers
 * (see {@link dev.newsflow.events.EventHeaders}). Topic names come from {@link dev.newsflow.events.ArticleTopics}.
 * Evolution rule: add fields, never rename or repurpose one; a new meaning is a new event type.
 */
package dev.newsflow.events;
