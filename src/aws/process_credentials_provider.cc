#include "aws/process_credentials_provider.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <thread>

#include "aws/credentials_parsing.h"

extern char** environ;

namespace sluice::aws {

Result<std::vector<std::string>> split_command_line(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) return Status::invalid_argument("unterminated ' quote");
      word.append(line.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\' && j + 1 < line.size() &&
            std::string_view("\"\\$`").find(line[j + 1]) != std::string_view::npos) {
          ++j;
        }
        word += line[j];
      }
      if (j >= line.size()) return Status::invalid_argument("unterminated \" quote");
      i = j;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  if (words.empty()) return Status::invalid_argument("empty command");
  return words;
}

ProcessCredentialsProvider::ProcessCredentialsProvider(std::string command_line,
                                                       ProcessCredentialsOptions options)
    : command_line_(std::move(command_line)), options_(options) {}

namespace {

// Kills the process group the child leads and reaps the child.
void kill_and_reap(pid_t pid) {
  kill(-pid, SIGKILL);
  int ignored = 0;
  while (waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

Result<AwsCredentials> ProcessCredentialsProvider::credentials() {
  Result<std::vector<std::string>> words = split_command_line(command_line_);
  if (!words.ok()) return Status::fatal("credential_process: " + words.status().message());
  const std::string& program = words->front();
  const std::string context = "credential_process " + program;
  std::vector<char*> argv;
  for (std::string& w : words.value()) argv.push_back(w.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return Status::fatal(context + ": pipe: " + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  // A process group of its own, so that a timeout kills whatever the command started too (a
  // wrapper script's children would otherwise keep running, and keep the pipe open).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  int spawn_error =
      posix_spawnp(&pid, program.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawn_error != 0) {
    close(fds[0]);
    return Status::fatal(context + ": cannot start: " + std::strerror(spawn_error));
  }

  using SteadyClock = std::chrono::steady_clock;
  const SteadyClock::time_point deadline = SteadyClock::now() + options_.timeout;
  auto timed_out = [&]() -> Status {
    return Status::retriable(
        context + ": no answer within " +
        std::to_string(
            std::chrono::duration_cast<std::chrono::milliseconds>(options_.timeout).count()) +
        " ms; killed it");
  };
  // Rounded up: a truncated "0 ms left" would kill the command before its time is up.
  auto remaining_ms = [&]() -> int {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - SteadyClock::now());
    return static_cast<int>(std::clamp<int64_t>(left.count(), 0, 60'000));
  };

  std::string output;
  char buffer[4096];
  bool eof = false;
  while (!eof) {
    int wait_ms = remaining_ms();
    if (wait_ms == 0) {
      close(fds[0]);
      kill_and_reap(pid);
      return timed_out();
    }
    pollfd readable{fds[0], POLLIN, 0};
    int ready = poll(&readable, 1, wait_ms);
    if (ready < 0 && errno != EINTR) {
      int error = errno;
      close(fds[0]);
      kill_and_reap(pid);
      return Status::fatal(context + ": poll: " + std::strerror(error));
    }
    if (ready <= 0) continue;  // timeout or EINTR: the deadline check above decides
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      eof = true;
    }
  }
  close(fds[0]);
  // Output is complete; the command may still linger before exiting (or close stdout and hang).
  int wait_status = 0;
  while (true) {
    pid_t done = waitpid(pid, &wait_status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      return Status::fatal(context + ": waitpid: " + std::strerror(errno));
    }
    if (remaining_ms() == 0) {
      kill_and_reap(pid);
      return timed_out();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
    return Status::fatal(context + ": exited with " +
                         (WIFEXITED(wait_status)
                              ? "status " + std::to_string(WEXITSTATUS(wait_status))
                              : std::string("a signal")));
  }
  nlohmann::json doc = nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("Version") || doc["Version"] != 1) {
    return Status::fatal(context + ": output is not a Version 1 credentials document");
  }
  return parse_credentials_json(output, "SessionToken", "credential-process");
}

}  // namespace sluice::aws
