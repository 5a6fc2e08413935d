package id.aduan.cases.web;

import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.StaleVersionException;
import id.aduan.cases.domain.IllegalTransitionException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors as RFC 9457 problem details. The base class answers malformed and invalid bodies with 400;
 * the case service's own errors get a type an API client can switch on.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

  static final URI ILLEGAL_TRANSITION = URI.create("/problems/illegal-transition");
  static final URI STALE_VERSION = URI.create("/problems/stale-version");
  static final URI NOT_FOUND = URI.create("/problems/not-found");
  static final URI INVALID = URI.create("/problems/invalid-request");

  @ExceptionHandler
  ProblemDetail illegalTransition(IllegalTransitionException e) {
    ProblemDetail p =
        problem(
            HttpStatus.CONFLICT, ILLEGAL_TRANSITION, "Action not allowed in the case's state", e);
    p.setProperty("action", e.action());
    p.setProperty("caseStatus", e.status().name());
    return p;
  }

  @ExceptionHandler
  ProblemDetail staleVersion(StaleVersionException e) {
    ProblemDetail p =
        problem(HttpStatus.CONFLICT, STALE_VERSION, "The case changed since it was read", e);
    p.setProperty("currentVersion", e.current());
    return p;
  }

  @ExceptionHandler
  ProblemDetail notFound(CaseNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "No such case", e);
  }

  @ExceptionHandler
  ProblemDetail invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", e);
  }

  private static ProblemDetail problem(HttpStatus status, URI type, String title, Exception e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(type);
    p.setTitle(title);
    return p;
  }
}
