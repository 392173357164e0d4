# frozen_string_literal: true

# faaslab's Ruby runtime: one process per execution environment, standard library only.
#
# It starts as a spare, before any function is chosen, and waits on the host's IPC channel (the
# socket Node.js hands a child as NODE_CHANNEL_FD, newline-delimited JSON) for a function to be
# assigned. Init speaks the Lambda Runtime API (the first GET /next ends it; a load failure is
# posted to /init/error); after the first event, answers go back over the channel behind their
# log records and events arrive on the event pipe (fd 4), where the process blocks between
# invocations: that block is Lambda's freeze (electron/engine/runtime-protocol.ts describes the
# protocol the Node.js and Python runtimes share).
#
# What a function sees is Lambda's Ruby runtime: handlers "file.method" or
# "file.Module::Class.method" called with event: and context:, errors as
# {errorMessage, errorType: "Function<Class>", stackTrace}, init failures as "Init<Class>", and
# NameError, NoMethodError or any non-StandardError from a handler ending the environment.

require 'json'
require 'net/http'
require 'stringio'
require_relative 'faaslab_logging'

module FaaslabRuntime
  EVENT_FD = 4
  NEXT_PATH = '/2018-06-01/runtime/invocation/next'
  INIT_ERROR_PATH = '/2018-06-01/runtime/init/error'
  OWN_FILE = File.expand_path(__FILE__)
  OWN_DIR = "#{File.dirname(OWN_FILE)}/"
  # Lambda's runtime exits with these after a failed init, and after a critical exception.
  INIT_FAILED_EXIT = 252
  CRITICAL_EXIT = 255

  Invocation = Struct.new(:request_id, :deadline_ms, :function_arn, :trace_id, :client_context, :cognito_identity, :payload)

  # The IPC channel to the host: newline-delimited JSON both ways.
  class Channel
    def initialize(fd)
      @io = IO.for_fd(fd, 'r+b', autoclose: false)
      @io.close_on_exec = true
      @buffer = String.new(encoding: Encoding::BINARY)
      @lock = Mutex.new
    end

    def send_message(message)
      data = JSON.generate(message).b << "\n"
      @lock.synchronize do
        until data.empty?
          written = @io.syswrite(data)
          data = data.byteslice(written, data.bytesize - written)
        end
      end
    end

    # The next message; the host gone, so is this process.
    def receive
      until (newline = @buffer.index("\n"))
        begin
          @buffer << @io.sysread(65_536)
        rescue EOFError, Errno::ECONNRESET
          exit!(0)
        end
      end
      JSON.parse(@buffer.slice!(0..newline))
    end
  end

  # The event pipe: header length and payload length (32-bit big-endian), header JSON, payload.
  class EventPipe
    def initialize
      @io = IO.for_fd(EVENT_FD, 'rb', autoclose: false)
      @io.close_on_exec = true
    end

    def next_invocation
      head_length, payload_length = read_exactly(8).unpack('NN')
      header = JSON.parse(read_exactly(head_length))
      Invocation.new(header['requestId'], Integer(header['deadlineMs']), header['functionArn'] || '',
                     header['traceId'], header['clientContext'], header['cognitoIdentity'], read_exactly(payload_length))
    end

    private

    def read_exactly(size)
      data = String.new(capacity: size, encoding: Encoding::BINARY)
      while data.bytesize < size
        begin
          data << @io.sysread(size - data.bytesize)
        rescue EOFError
          exit!(0) # the host closed the pipe: it is gone, and so is this environment
        end
      end
      data
    end
  end

  # The Lambda Runtime API on one keep-alive connection, used for init only.
  class RuntimeApi
    def initialize(address)
      host, _, port = address.rpartition(':')
      # No proxy (the function's variables may name one), and no timeouts: Net::HTTP would start
      # a Timeout thread, and the first event comes when it comes.
      @http = Net::HTTP.new(host.empty? ? '127.0.0.1' : host, Integer(port), nil)
      @http.open_timeout = nil
      @http.read_timeout = nil
      @http.start
    end

    def next_invocation
      res = @http.get(NEXT_PATH)
      deadline = res['lambda-runtime-deadline-ms']
      Invocation.new(res['lambda-runtime-aws-request-id'] || '', deadline ? Integer(deadline) : now_ms + 3000,
                     res['lambda-runtime-invoked-function-arn'] || '', res['lambda-runtime-trace-id'],
                     res['lambda-runtime-client-context'], res['lambda-runtime-cognito-identity'], res.body.to_s)
    end

    def init_error(body)
      @http.post(INIT_ERROR_PATH, JSON.generate(body),
                 'Lambda-Runtime-Function-Error-Type' => body[:errorType], 'Content-Type' => 'application/json')
    end

    private

    def now_ms
      Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond)
    end
  end

  # Lambda's context object.
  class LambdaContext
    attr_reader :aws_request_id, :invoked_function_arn, :log_group_name, :log_stream_name, :function_name,
                :memory_limit_in_mb, :function_version, :identity, :client_context, :deadline_ms

    def initialize(inv)
      @aws_request_id = inv.request_id
      @invoked_function_arn = inv.function_arn
      @log_group_name = ENV['AWS_LAMBDA_LOG_GROUP_NAME']
      @log_stream_name = ENV['AWS_LAMBDA_LOG_STREAM_NAME']
      @function_name = ENV['AWS_LAMBDA_FUNCTION_NAME']
      @memory_limit_in_mb = ENV['AWS_LAMBDA_FUNCTION_MEMORY_SIZE']
      @function_version = ENV['AWS_LAMBDA_FUNCTION_VERSION']
      @identity = parse(inv.cognito_identity)
      @client_context = parse(inv.client_context)
      @deadline_ms = inv.deadline_ms
    end

    def get_remaining_time_in_millis
      [@deadline_ms - Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond), 0].max
    end

    private

    def parse(text)
      text && !text.empty? ? JSON.parse(text) : nil
    rescue JSON::ParserError
      nil
    end
  end

  # The handler: "file.method" (a top-level method) or "file.Module::Class.method".
  class Handler
    def initialize(spec)
      parts = spec.split('.')
      unless parts.size.between?(2, 3) && parts.none?(&:empty?)
        raise ArgumentError, "Invalid handler #{spec}: it must be FILENAME.METHOD or FILENAME.CLASS.METHOD, where " \
                             'FILENAME.rb is a Ruby file in the task root, CLASS an optional module or class ' \
                             '(Module::Class) and METHOD a method: a class-level one when there is a CLASS'
      end
      @file = parts.first
      @class_name = parts[1] if parts.size == 3
      @method = parts.last.to_sym
    end

    def load
      require @file
    end

    def call(event, context)
      # As Lambda does, the class is looked up for each call, and a top-level method is called
      # on the main object: a missing one is a NameError or NoMethodError when invoked.
      receiver = @class_name ? Object.const_get(@class_name) : TOPLEVEL_BINDING.receiver
      receiver.__send__(@method, event: event, context: context)
    end
  end

  SDK_HINT = "Lambda's Ruby runtimes include the AWS SDK for Ruby, and faaslab provides none: add the gem to " \
             "the function's Gemfile and install it into the function with `bundle config set --local path " \
             'vendor/bundle && bundle install`'

  class << self
    attr_reader :channel, :request_id

    def json_logs? = @json_logs

    def log_level
      level = ENV.fetch('AWS_LAMBDA_LOG_LEVEL', 'INFO').upcase
      { 'TRACE' => 'DEBUG' }.fetch(level, level).downcase
    end

    def main
      fd = Integer(ENV.fetch('NODE_CHANNEL_FD', '-1'), exception: false) || -1
      if fd.negative?
        warn "faaslab's Ruby runtime is started by faaslab, not by hand"
        exit 2
      end
      @channel = Channel.new(fd)
      @base_tasks = begin
        Dir.children('/proc/self/task').size
      rescue SystemCallError
        1
      end
      @channel.send_message({ t: 'ready' })
      loop do
        message = @channel.receive
        return start(message) if message.is_a?(Hash) && message['t'] == 'assign'
      end
    end

    private

    def start(assign)
      ENV.replace(assign['env'])
      # Lambda's LANG is en_US.UTF-8; a host without that locale would leave Ruby on US-ASCII.
      Encoding.default_external = Encoding::UTF_8
      task_root = assign['taskRoot']
      Dir.chdir(task_root)
      $LOAD_PATH.unshift(task_root, *Array(assign['rubyLib']))
      use_gems(Array(assign['gemPaths']))
      @json_logs = ENV['AWS_LAMBDA_LOG_FORMAT'] == 'JSON'
      $stdout = LogStream.new(@channel, STDOUT)
      $stderr = LogStream.new(@channel, STDERR)
      api = RuntimeApi.new(ENV.fetch('AWS_LAMBDA_RUNTIME_API'))
      handler = load_handler(assign['handler'], api)
      freezing = assign['freeze'] == true
      inv = api.next_invocation
      pipe = EventPipe.new
      loop do
        kind, body, critical = invoke(handler, inv)
        answer = answer_message(kind, inv.request_id, body)
        answer[:fatal] = true if critical
        answer[:freeze] = freeze_mode if freezing && !critical
        @request_id = nil
        @channel.send_message(answer)
        exit_now(CRITICAL_EXIT) if critical
        inv = pipe.next_invocation
      end
    end

    # GEM_PATH as Lambda's: the function's and its layers' gems, then Ruby's own (default and
    # bundled gems), and none the host installed besides.
    def use_gems(paths)
      return unless defined?(Gem)

      own = File.dirname(File.dirname(Gem.default_specifications_dir))
      gem_path = [ENV['GEM_PATH'], *paths, own].compact.reject(&:empty?).join(File::PATH_SEPARATOR)
      ENV['GEM_PATH'] = gem_path
      Gem.paths = { 'GEM_HOME' => own, 'GEM_PATH' => gem_path }
    end

    def load_handler(spec, api)
      handler = Handler.new(spec.to_s)
      handler.load
      flush_streams
      handler
    rescue Exception => e # any failure of the function's code, SyntaxError and LoadError too, is an init error
      flush_streams
      body = error_body('Init', e)
      log_error("Init error when loading handler #{spec}", body)
      begin
        api.init_error(body)
      ensure
        exit_now(INIT_FAILED_EXIT)
      end
    end

    def invoke(handler, inv)
      @request_id = inv.request_id
      if inv.trace_id
        ENV['_X_AMZN_TRACE_ID'] = inv.trace_id
      else
        ENV.delete('_X_AMZN_TRACE_ID')
      end
      begin
        event = inv.payload.empty? ? {} : JSON.parse(inv.payload)
      rescue JSON::ParserError => e
        body = { errorMessage: "Unable to unmarshal input: #{FaaslabRuntime.utf8(e.message)}", errorType: 'Runtime.UnmarshalError', stackTrace: [] }
        log_error('Error parsing the event', body)
        return [:error, body, false]
      end
      begin
        result = handler.call(event, LambdaContext.new(inv))
        [:response, result.is_a?(StringIO) || result.is_a?(IO) ? result.read : result.to_json, false]
      rescue NameError => e
        critical(e)
      rescue StandardError => e
        body = error_body('Function', e)
        log_error('Error raised from handler method', body)
        [:error, body, false]
      rescue Exception => e # exit, signals, ScriptError: Lambda's runtime ends the environment
        critical(e)
      ensure
        flush_streams
      end
    end

    # NameError, NoMethodError and what is no StandardError: Lambda answers, then the runtime exits.
    def critical(error)
      body = error_body('Function', error)
      log_error('Critical exception from handler', body)
      [:error, body, true]
    end

    def error_body(kind, error)
      message = FaaslabRuntime.utf8(error.message)
      message += " (faaslab: #{SDK_HINT})" if error.is_a?(LoadError) && error.path.to_s.start_with?('aws-sdk')
      { errorMessage: message, errorType: "#{kind}<#{error.class}>", stackTrace: user_frames(error) }
    end

    # Lambda's trace starts in the user's code: this runtime's frames and Ruby's internal ones are left out.
    def user_frames(error)
      frames = (error.backtrace_locations&.map(&:to_s) || error.backtrace || []).first(100)
      frames = frames.take_while { |f| !f.start_with?(OWN_FILE) }
      frames.reject { |f| f.start_with?('<internal:', OWN_DIR) }.map { |f| FaaslabRuntime.utf8(f) }
    end

    # As Lambda's Ruby runtime: a line saying what failed, then the error as indented JSON.
    def log_error(label, body)
      flush_streams
      @channel.send_message({ t: 'log', line: label })
      @channel.send_message({ t: 'log', line: JSON.pretty_generate(body) })
    end

    def answer_message(kind, request_id, body)
      message = { t: 'answer', kind: kind.to_s, requestId: request_id, maxRssKb: max_rss_kb }
      if kind == :response
        message[:body] = FaaslabRuntime.utf8(body)
      else
        message[:body] = JSON.generate(body)
        message[:errorType] = body[:errorType]
      end
      message
    end

    def max_rss_kb
      File.read('/proc/self/status')[/^VmHWM:\s*(\d+)/, 1].to_i
    rescue SystemCallError
      0
    end

    # 'hold' when blocking this thread stops all the function could run; else 'stop' (SIGSTOP).
    def freeze_mode
      return 'stop' if Thread.list.size > 1

      # More native threads than Ruby itself started (a C extension's), or a child process.
      tasks = Dir.children('/proc/self/task')
      return 'stop' if tasks.size > @base_tasks
      return 'stop' if tasks.any? { |t| !File.read("/proc/self/task/#{t}/children").strip.empty? }

      'hold'
    rescue SystemCallError
      'stop'
    end

    def flush_streams
      [$stdout, $stderr].each { |io| io.flush if io.is_a?(LogStream) }
    end

    def exit_now(code)
      flush_streams
      @channel.send_message({ t: 'bye' })
      exit!(code)
    end
  end
end

FaaslabRuntime.main if $PROGRAM_NAME == __FILE__
