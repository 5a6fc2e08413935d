package id.aduan.cases.web;

import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.StaleVersionException;
import id.aduan.cases.domain.IllegalTransitionException;
import id.aduan.cases.domain.StepRefusedException;
import id.aduan.cases.persistence.CaseFiles;
import id.aduan.cases.security.ForbiddenException;
import id.aduan.support.web.BodyLimitFilter;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
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
  static final URI FORBIDDEN = URI.create("/problems/forbidden");
  static final URI PRECONDITION_FAILED = URI.create("/problems/precondition-failed");
  static final URI RATE_LIMITED = URI.create("/problems/rate-limited");
  static final URI ATTACHMENT_UNAVAILABLE = URI.create("/problems/attachment-unavailable");
  static final URI TOO_LARGE = URI.create("/problems/request-too-large");
  static final URI INTERNAL = URI.create("/problems/internal");
  static final URI UNSUPPORTED_FILE = URI.create("/problems/unsupported-file-type");

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

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

  @ExceptionHandler
  ProblemDetail forbidden(ForbiddenException e) {
    ProblemDetail p = problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Not allowed for your role", e);
    p.setProperty("action", e.action());
    return p;
  }

  /** A step of a procedure the agency gives to other roles (e.g. Lebak's PPID step HEAD). */
  @ExceptionHandler
  ProblemDetail stepRefused(StepRefusedException e) {
    ProblemDetail p = problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Not allowed for your role", e);
    p.setProperty("action", e.action());
    p.setProperty("step", e.step());
    return p;
  }

  @ExceptionHandler
  ProblemDetail preconditionFailed(IfMatch.PreconditionFailedException e) {
    ProblemDetail p =
        problem(
            HttpStatus.PRECONDITION_FAILED,
            PRECONDITION_FAILED,
            "The case changed since it was read",
            e);
    p.setProperty("currentVersion", e.current());
    return p;
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> rateLimited(RateLimiter.RateLimitedException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(e.retryAfterSeconds()))
        .body(problem(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, "Too many requests", e));
  }

  @ExceptionHandler
  ProblemDetail attachmentUnavailable(AttachmentUnavailableException e) {
    ProblemDetail p =
        problem(HttpStatus.NOT_FOUND, ATTACHMENT_UNAVAILABLE, "File not reachable here", e);
    p.setProperty("attachmentId", e.attachmentId());
    p.setProperty("channel", e.channel().name());
    return p;
  }

  /**
   * A file the case's file store refuses (docs/adr/0052): too large (413), not a type the sniffer
   * knows (415), empty or one too many for the case (400); {@code reason}, and the message in both
   * languages.
   */
  @ExceptionHandler
  ProblemDetail fileRefused(CaseFiles.Refused e) {
    HttpStatus status = HttpStatus.valueOf(e.reason().status());
    URI type =
        switch (status) {
          case CONTENT_TOO_LARGE -> TOO_LARGE;
          case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_FILE;
          default -> INVALID;
        };
    ProblemDetail p = problem(status, type, "File refused", e);
    p.setProperty("reason", e.reason().tag());
    p.setProperty("messageId", e.messageId());
    p.setProperty("messageEn", e.messageEn());
    return p;
  }

  /** Path and query parameters that break their constraints. */
  @ExceptionHandler
  ProblemDetail constraint(ConstraintViolationException e) {
    return problem(HttpStatus.BAD_REQUEST, INVALID, "Invalid request", e);
  }

  @ExceptionHandler
  ProblemDetail status(ResponseStatusException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
    p.setType(e.getStatusCode().value() == 403 ? FORBIDDEN : INVALID);
    return p;
  }

  /** Anything unforeseen: a 500 that says nothing of the internals (the log has the cause). */
  @ExceptionHandler
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error in the officer API: {}", e.getClass().getName());
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    p.setType(INTERNAL);
    p.setTitle("Internal error");
    return p;
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodyLimitFilter.TooLarge) {
        ProblemDetail p =
            ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "the request body is too large");
        p.setType(TOO_LARGE);
        p.setTitle("Request too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
      }
    }
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "the request body is not valid JSON of the expected shape");
    p.setType(INVALID);
    p.setTitle("Invalid request");
    return ResponseEntity.badRequest().body(p);
  }

  private static ProblemDetail problem(HttpStatus status, URI type, String title, Exception e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(type);
    p.setTitle(title);
    return p;
  }
}
