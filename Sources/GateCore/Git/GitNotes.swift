import CLibGit2

extension GitRepository {
    /// Attaches (or replaces) a note on `commit` under `notesRef`. Uses the user's identity, or gate's when unset.
    public func addNote(_ text: String, to commit: ObjectID, notesRef: String = "refs/notes/gate") throws {
        var target = try commit.raw()
        let signature = try makeSignature(fallbackName: "gate", fallbackEmail: "gate@localhost")
        defer { git_signature_free(signature) }
        var noteID = git_oid()
        try check(git_note_create(&noteID, handle, notesRef, signature, signature, &target, text, 1), "git_note_create")
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
