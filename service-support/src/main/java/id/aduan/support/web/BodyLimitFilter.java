package id.aduan.support.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body while it streams, before authentication or parsing, on every service. A
 * declared {@code Content-Length} over the path's limit ({@link BodyLimitProperties}) is refused
 * with 413 before a byte is read; a body without a declared length (chunked) is counted as it is
 * read and refused with 413 the moment it passes the limit, so no more than the limit is ever held.
 * A form body without a declared length is read (up to the limit) here, because the container
 * parses form parameters from its own stream. Every refusal is counted as {@code
 * aduan.web.body.refused{limit,reason}} ({@code reason} = {@code declared} or {@code streamed}).
 */
public class BodyLimitFilter extends OncePerRequestFilter implements Ordered {

  /** Before everything else, Spring Security's filter chain included. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

  private final BodyLimitProperties limits;
  private final ObjectProvider<MeterRegistry> meters;

  public BodyLimitFilter(BodyLimitProperties limits, ObjectProvider<MeterRegistry> meters) {
    this.limits = limits;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    BodyLimitProperties.Limit limit = limits.limitFor(path, request.getContentType());
    long declared = request.getContentLengthLong();
    if (declared > limit.bytes()) {
      refuse(response, limit, "declared");
      return;
    }
    Counted counted = new Counted(request, limit.bytes());
    HttpServletRequest forward = counted;
    if (declared < 0 && isForm(request)) {
      try {
        forward = new ReadForm(counted, counted.getInputStream().readAllBytes());
      } catch (TooLarge e) {
        refuse(response, limit, "streamed");
        return;
      }
    }
    Guarded guarded = new Guarded(response, counted);
    try {
      chain.doFilter(forward, guarded);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!counted.tripped) {
        throw e;
      }
    }
    if (counted.tripped && !response.isCommitted()) {
      response.reset();
      refuse(response, limit, "streamed");
    }
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private void refuse(HttpServletResponse response, BodyLimitProperties.Limit limit, String reason)
      throws IOException {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      registry
          .counter("aduan.web.body.refused", "limit", limit.name(), "reason", reason)
          .increment();
    }
    response.setStatus(413);
    response.setHeader("Connection", "close");
    response.setContentType("application/problem+json");
    response
        .getOutputStream()
        .write(
            ("{\"type\":\"/problems/request-too-large\",\"title\":\"Content Too Large\","
                    + "\"status\":413,\"detail\":\"The request body exceeds "
                    + limit.bytes()
                    + " bytes.\"}")
                .getBytes(StandardCharsets.US_ASCII));
    response.flushBuffer();
  }

  /** Thrown by a counted body past its limit. */
  public static final class TooLarge extends IOException {
    TooLarge(long max) {
      super("the request body exceeds " + max + " bytes");
    }
  }

  /** The request whose body stream counts what is read and fails past the limit. */
  private static final class Counted extends HttpServletRequestWrapper {
    private final long max;
    private volatile boolean tripped;
    private @Nullable ServletInputStream stream;

    Counted(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream());
      }
      return stream;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
    }

    private final class CountingStream extends ServletInputStream {
      private final ServletInputStream in;
      private long read;

      CountingStream(ServletInputStream in) {
        this.in = in;
      }

      @Override
      public int read() throws IOException {
        refuseIfTripped();
        int b = in.read();
        if (b >= 0) {
          counted(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        refuseIfTripped();
        // Never ask for more than one byte past the limit: nothing beyond it is held.
        int n = in.read(buf, off, (int) Math.min(len, max - read + 1));
        if (n > 0) {
          counted(n);
        }
        return n;
      }

      private void refuseIfTripped() throws TooLarge {
        if (tripped) {
          throw new TooLarge(max);
        }
      }

      private void counted(int n) throws TooLarge {
        read += n;
        if (read > max) {
          tripped = true;
          throw new TooLarge(max);
        }
      }

      @Override
      public boolean isFinished() {
        return in.isFinished();
      }

      @Override
      public boolean isReady() {
        return in.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
      }
    }
  }

  /** A form body read here (within the limit): its parameters merged with the query's. */
  private static final class ReadForm extends HttpServletRequestWrapper {
    private final byte[] body;
    private final Map<String, String[]> parameters;

    ReadForm(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
      String encoding = request.getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      Map<String, List<String>> merged = new LinkedHashMap<>();
      parse(request.getQueryString(), charset, merged);
      parse(new String(body, StandardCharsets.ISO_8859_1), charset, merged);
      Map<String, String[]> out = new LinkedHashMap<>();
      merged.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
      this.parameters = Collections.unmodifiableMap(out);
    }

    private static void parse(
        @Nullable String encoded, Charset charset, Map<String, List<String>> into) {
      if (encoded == null || encoded.isEmpty()) {
        return;
      }
      for (String pair : encoded.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
        into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }

    @Override
    public @Nullable String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
      return parameters.get(name);
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }

  /**
   * The response as the application sees it: once the body passed the limit, whatever the
   * application answers to the failed read (a 400 for an unreadable body, an error page) is
   * discarded, so the filter can answer 413.
   */
  private static final class Guarded extends HttpServletResponseWrapper {
    private final Counted request;
    private @Nullable ServletOutputStream stream;
    private @Nullable PrintWriter discard;

    Guarded(HttpServletResponse response, Counted request) {
      super(response);
      this.request = request;
    }

    @Override
    public void sendError(int sc, @Nullable String msg) throws IOException {
      if (!request.tripped) {
        super.sendError(sc, msg);
      }
    }

    @Override
    public void sendError(int sc) throws IOException {
      if (!request.tripped) {
        super.sendError(sc);
      }
    }

    @Override
    public void setStatus(int sc) {
      if (!request.tripped) {
        super.setStatus(sc);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!request.tripped) {
        super.flushBuffer();
      }
    }

    @Override
    public boolean isCommitted() {
      return !request.tripped && super.isCommitted();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        ServletOutputStream out = super.getOutputStream();
        stream =
            new ServletOutputStream() {
              @Override
              public void write(int b) throws IOException {
                if (!request.tripped) {
                  out.write(b);
                }
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                if (!request.tripped) {
                  out.write(b, off, len);
                }
              }

              @Override
              public void flush() throws IOException {
                if (!request.tripped) {
                  out.flush();
                }
              }

              @Override
              public boolean isReady() {
                return out.isReady();
              }

              @Override
              public void setWriteListener(WriteListener listener) {
                out.setWriteListener(listener);
              }
            };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!request.tripped) {
        return super.getWriter();
      }
      if (discard == null) {
        discard = new PrintWriter(Writer.nullWriter());
      }
      return discard;
    }
  }
}
