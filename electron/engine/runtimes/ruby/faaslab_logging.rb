# frozen_string_literal: true

# How a function's output becomes log records in faaslab's Ruby runtime (faaslab_runtime.rb):
# records go to the host over the IPC channel, ahead of the answer they belong to. As in
# Lambda's Ruby runtime, each Kernel#puts call is one record, multi-line text included; other
# writes to $stdout and $stderr (print, $stderr.puts, warn) are one record per line; a Logger on
# $stdout or $stderr writes one record per message, in Lambda's text format or, with the JSON
# log format, as JSON filtered by the application log level.

require 'json'
require 'logger'
require 'stringio'

module FaaslabRuntime
  def self.utf8(text)
    text.to_s.dup.force_encoding(Encoding::UTF_8).scrub
  end

  # $stdout and $stderr: each whole line written is one log record, as Lambda's stdout capture
  # makes it. Kernel#puts makes one record of each call instead (see below).
  class LogStream
    def initialize(channel, original)
      @channel = channel
      @original = original
      @pending = String.new(encoding: Encoding::BINARY)
      @lock = Mutex.new
    end

    def write(*parts)
      lines = []
      written = 0
      @lock.synchronize do
        parts.each do |part|
          text = part.to_s
          written += text.bytesize
          @pending << text.b
        end
        while (newline = @pending.index("\n"))
          lines << @pending.slice!(0..newline).chomp
        end
      end
      lines.each { |line| record(line) }
      written
    end

    def <<(part)
      write(part)
      self
    end

    def print(*parts)
      write(*parts)
      nil
    end

    def printf(format, *args)
      write(Kernel.format(format, *args))
      nil
    end

    def puts(*args)
      write(render_puts(args))
      nil
    end

    # One record for a whole Kernel#puts call, multi-line text included.
    def puts_record(args)
      flush
      record(render_puts(args).delete_suffix("\n"))
      nil
    end

    def record(line)
      @channel.send_message({ t: 'log', line: FaaslabRuntime.utf8(line) })
    end

    def flush
      rest = @lock.synchronize { @pending.empty? ? nil : @pending.slice!(0..) }
      record(rest) if rest
      self
    end

    def sync = true
    def sync=(_value); end
    def fsync = flush && 0
    def tty? = false
    alias isatty tty?
    def fileno = @original.fileno
    def closed? = false
    def external_encoding = Encoding::UTF_8

    def respond_to_missing?(name, include_private = false)
      @original.respond_to?(name, include_private)
    end

    def method_missing(name, ...)
      @original.respond_to?(name) ? @original.public_send(name, ...) : super
    end

    private

    def render_puts(args)
      out = StringIO.new(String.new)
      out.puts(*args)
      out.string
    end
  end

  # Loggers on $stdout or $stderr: one record per message, in Lambda's text or JSON format.
  class RecordDevice
    def initialize(channel) = @channel = channel
    def write(message) = @channel.send_message({ t: 'log', line: FaaslabRuntime.utf8(message).chomp })
    def close; end
  end

  class TextFormatter < Logger::Formatter
    def call(severity, time, progname, msg)
      format("%s, [%s #%d] %5s %s -- %s: %s\n", severity[0], format_datetime(time), Process.pid, severity,
             FaaslabRuntime.request_id, progname, msg2str(msg))
    end
  end

  class JsonFormatter < Logger::Formatter
    def call(severity, time, progname, msg)
      out = { timestamp: time.utc.strftime('%Y-%m-%dT%H:%M:%S.%6NZ'), level: severity,
              message: FaaslabRuntime.utf8(msg.is_a?(Exception) ? msg.message : msg2str(msg)),
              requestId: FaaslabRuntime.request_id }
      out[:logger] = FaaslabRuntime.utf8(progname) unless progname.nil? || progname.to_s.empty?
      if msg.is_a?(Exception)
        out[:errorType] = msg.class.to_s
        out[:errorMessage] = FaaslabRuntime.utf8(msg.message)
        out[:stackTrace] = Array(msg.backtrace).map { |l| FaaslabRuntime.utf8(l) }
      end
      "#{JSON.generate(out.compact)}\n"
    end
  end

  module LoggerToRecords
    def initialize(logdev = nil, *rest, **options)
      standard = [$stdout, $stderr, STDOUT, STDERR].any? { |io| logdev.equal?(io) }
      return super unless standard && FaaslabRuntime.channel

      # JSON logs: the application log level filters, unless the logger was given one.
      options[:level] ||= FaaslabRuntime.log_level if FaaslabRuntime.json_logs?
      super(RecordDevice.new(FaaslabRuntime.channel), *rest, **options)
      @default_formatter = FaaslabRuntime.json_logs? ? JsonFormatter.new : TextFormatter.new
    end
  end
  Logger.prepend(LoggerToRecords)
end

# Kernel#puts as Lambda's Ruby runtime has it: one log record per call.
module Kernel
  private

  def puts(*args)
    out = $stdout
    out.is_a?(FaaslabRuntime::LogStream) ? out.puts_record(args) : out.puts(*args)
  end
end
