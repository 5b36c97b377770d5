#include "aws/process_credentials_provider.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

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

ProcessCredentialsProvider::ProcessCredentialsProvider(std::string command_line)
    : command_line_(std::move(command_line)) {}

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
  pid_t pid = 0;
  int spawn_error = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawn_error != 0) {
    close(fds[0]);
    return Status::fatal(context + ": cannot start: " + std::strerror(spawn_error));
  }
  std::string output;
  char buffer[4096];
  while (true) {
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
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
