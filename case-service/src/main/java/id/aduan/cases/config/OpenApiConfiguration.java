package id.aduan.cases.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc-openapi, generated from the controllers):
 * both ways to authenticate, and the {@code If-Match} precondition on every case action.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI aduanOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Aduan officer API")
                .version("v1")
                .description(
                    "Cases of the caller's agency (and division, for a division officer): list,"
                        + " detail, actions, front-desk intake, personal data (audited), and the"
                        + " public status lookup. Errors are RFC 9457 problem details."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("basic"))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  OperationCustomizer ifMatchOnActions() {
    return (operation, handler) -> {
      PostMapping post = handler.getMethodAnnotation(PostMapping.class);
      boolean caseAction =
          post != null && handler.getBeanType().getSimpleName().equals("CaseActionsController");
      if (caseAction) {
        operation.addParametersItem(
            new HeaderParameter()
                .name("If-Match")
                .required(false)
                .description(
                    "the case's version as its ETag (from GET); another version answers 412")
                .schema(new StringSchema()));
      }
      return operation;
    };
  }
}
