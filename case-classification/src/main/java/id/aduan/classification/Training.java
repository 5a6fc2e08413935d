package id.aduan.classification;

import id.aduan.contracts.CaseType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains the model from labelled examples (and officers' corrections, which are examples too): the
 * case-type model on all of them, the topic model on complaints and aspirations, and an SLA-class
 * model for every agency with examples of more than one complaint class.
 */
public final class Training {

  private final TextAnalysis analysis;
  private final SoftmaxModel.Settings settings;

  public Training(TextAnalysis analysis) {
    this(analysis, SoftmaxModel.Settings.DEFAULT);
  }

  Training(TextAnalysis analysis, SoftmaxModel.Settings settings) {
    this.analysis = analysis;
    this.settings = settings;
  }

  public ClassificationModel train(List<Example> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to train on");
    }
    List<Set<String>> features = new ArrayList<>();
    for (Example e : examples) {
      features.add(analysis.features(analysis.stems(e.text())));
    }
    Map<String, SoftmaxModel> models = new LinkedHashMap<>();
    List<String> types = List.of(CaseType.values()).stream().map(Enum::name).toList();
    models.put(
        ClassificationModel.CASE_TYPE,
        SoftmaxModel.train(
            types, features, examples.stream().map(e -> e.caseType().name()).toList(), settings));

    List<Set<String>> topicFeatures = new ArrayList<>();
    List<String> topicLabels = new ArrayList<>();
    Map<String, List<Integer>> slaByAgency = new LinkedHashMap<>();
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      if ((e.caseType() == CaseType.COMPLAINT || e.caseType() == CaseType.ASPIRATION)
          && e.topic() != null) {
        topicFeatures.add(features.get(i));
        topicLabels.add(e.topic());
      }
      if (e.caseType() == CaseType.COMPLAINT && e.slaClass() != null) {
        slaByAgency.computeIfAbsent(e.agency(), k -> new ArrayList<>()).add(i);
      }
    }
    if (!topicLabels.isEmpty()) {
      models.put(
          ClassificationModel.TOPIC,
          SoftmaxModel.train(
              List.copyOf(new TreeSet<>(topicLabels)), topicFeatures, topicLabels, settings));
    }
    slaByAgency.forEach(
        (agency, rows) -> {
          List<String> labels = rows.stream().map(i -> examples.get(i).slaClass()).toList();
          List<String> classes = List.copyOf(new TreeSet<>(labels));
          if (classes.size() > 1) {
            models.put(
                ClassificationModel.SLA + agency,
                SoftmaxModel.train(
                    classes, rows.stream().map(features::get).toList(), labels, settings));
          }
        });
    return new ClassificationModel(models);
  }
}
