package id.aduan.notification.persistence;

import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.domain.Part;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * The addresses and the texts of held notices are written to MongoDB sealed (docs/adr/0026): a
 * {@link ReplyAddress} keeps its channel and account in clear and its recipient as {@code
 * recipientKey} (keyed hash) and {@code recipientSealed} (ciphertext); a {@link Part} keeps what
 * queries select on ({@code sourceId}, {@code automatic}, {@code purpose}, {@code template}) and
 * its template values as one ciphertext ({@code valuesSealed}). Documents written before (clear
 * {@code recipientId}, {@code values}) are still read.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConversions {

  @Bean
  MongoCustomConversions mongoCustomConversions(Recipients recipients) {
    return new MongoCustomConversions(
        List.of(
            new AddressWriter(recipients),
            new AddressReader(recipients),
            new PartWriter(recipients),
            new PartReader(recipients)));
  }

  @WritingConverter
  record AddressWriter(Recipients recipients) implements Converter<ReplyAddress, Document> {
    @Override
    public Document convert(ReplyAddress source) {
      return recipients.document(source);
    }
  }

  @ReadingConverter
  record AddressReader(Recipients recipients) implements Converter<Document, ReplyAddress> {
    @Override
    public ReplyAddress convert(Document source) {
      return recipients.address(source, null);
    }
  }

  @WritingConverter
  record PartWriter(Recipients recipients) implements Converter<Part, Document> {
    @Override
    public Document convert(Part source) {
      Document doc =
          new Document("sourceId", source.sourceId())
              .append("purpose", source.purpose())
              .append("template", source.template())
              .append("valuesSealed", recipients.seal(new Document(source.values()).toJson()))
              .append("automatic", source.automatic());
      if (source.replyTo() != null) {
        doc.append("replyTo", source.replyTo());
      }
      return doc;
    }
  }

  @ReadingConverter
  record PartReader(Recipients recipients) implements Converter<Document, Part> {
    @Override
    public Part convert(Document source) {
      Document values =
          source.get("valuesSealed") instanceof String sealed
              ? Document.parse(recipients.open(sealed))
              : source.get("values", new Document());
      Map<String, String> clear = new LinkedHashMap<>();
      values.forEach((k, v) -> clear.put(k, String.valueOf(v)));
      return new Part(
          source.getString("sourceId"),
          source.getString("purpose"),
          source.getString("template"),
          clear,
          Boolean.TRUE.equals(source.getBoolean("automatic")),
          source.getString("replyTo"));
    }
  }
}
