package dev.newsflow.enrichment.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.newsflow.store.ArticleDocument;
import dev.newsflow.testsupport.ArticleBuilder;
import dev.newsflow.testsupport.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class ArticleCollectionUpkeepTest {

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final MongoTemplate mongo = new MongoTemplate(client, "upkeep-" + UUID.randomUUID().toString().substring(0, 8));
    private final MongoCollection<Document> articles = mongo.getCollection(ArticleDocument.COLLECTION);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void articlesStoredBeforeTheWordsFieldExistedGetTheirWordsAndKeywordQueriesFindThem() {
        Document old = ArticleDocument.of(ArticleBuilder.article("old-1").title("Harbour reopens").body("Ferries sail again.").build());
        old.remove(ArticleDocument.WORDS);
        articles.insertOne(old);
        articles.insertOne(ArticleDocument.of(ArticleBuilder.article("new-1").title("Ferries return").build()));

        long filled = new ArticleCollectionUpkeep(mongo).fillInWords();

        assertThat(filled).isEqualTo(1);
        assertThat(articles.find(ArticleDocument.havingKeyword("ferries")).map(document -> document.getString("_id")))
                .containsExactlyInAnyOrder("old-1", "new-1");
        assertThat(articles.find(Filters.eq("_id", "old-1")).first().getList(ArticleDocument.WORDS, String.class))
                .containsExactly("harbour", "reopens", "ferries", "sail", "again");
    }
}
