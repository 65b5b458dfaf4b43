import CLibGit2

extension GitRepository {
    /// Attaches (or replaces) a note on `commit` under `notesRef`. Uses the user's identity, or gate's when unset.
    /// The notes commit is written first, then the notes ref moves under its lock, so a kill leaves the old notes or the new.
    public func addNote(_ text: String, to commit: ObjectID, notesRef: String = "refs/notes/gate", whileLocked: () -> Void = {}) throws {
        var target = try commit.raw()
        let signature = try makeSignature(fallbackName: "gate", fallbackEmail: "gate@localhost")
        defer { git_signature_free(signature) }
        try updateReferenceLocked(notesRef, message: "gate: note", whileLocked: whileLocked) { current in
            var parent: OpaquePointer?
            if let current {
                var parentID = try current.raw()
                try check(git_commit_lookup(&parent, handle, &parentID), "git_commit_lookup")
            }
            defer { if let parent { git_commit_free(parent) } }
            var notesCommit = git_oid()
            var blob = git_oid()
            try check(git_note_commit_create(&notesCommit, &blob, handle, parent, signature, signature, &target, text, 1),
                      "git_note_commit_create")
            return ObjectID(notesCommit)
        }
    }

    /// The user's signature, or a fallback one when user.name/user.email are unset and a fallback is given.
    func makeSignature(fallbackName: String? = nil, fallbackEmail: String? = nil) throws -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        let code = git_signature_default(&signature, handle)
        if code == 0, let signature { return signature }
        guard let fallbackName, let fallbackEmail else {
            try check(code < 0 ? code : -1, "git_signature_default")
            throw GitError(function: "git_signature_default", code: -1, message: "no identity")
        }
        try check(git_signature_now(&signature, fallbackName, fallbackEmail), "git_signature_now")
        return signature!
    }
}
