#!/usr/bin/python3
"""Writes DICOM test cases for DicomCasesTest from the real head-CT sample (never committed): each case is the sample
with its header changed, written by pydicom (Debian python3-pydicom). Usage: dicom_cases.py SAMPLE OUTDIR."""
import copy
import sys
import warnings

import numpy as np
import pydicom
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian


def write(ds, path, syntax=ExplicitVRLittleEndian, preamble=True):
    ds = copy.deepcopy(ds)
    ds.file_meta.TransferSyntaxUID = syntax
    ds.is_little_endian = syntax != ExplicitVRBigEndian
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    # like the original: pydicom then writes the file meta as given (a minimal export may lack the SOP class)
    ds.preamble = b"\0" * 128 if preamble else None
    ds.save_as(path, write_like_original=True)


def main(sample, out):
    warnings.simplefilter("ignore")  # pydicom warns about the non-standard UIDs the anonymised case has on purpose
    base = pydicom.dcmread(sample)
    hu = base.pixel_array.astype(np.int16)

    write(base, f"{out}/explicit.dcm")
    write(base, f"{out}/implicit.dcm", ImplicitVRLittleEndian)
    write(base, f"{out}/bigendian.dcm", ExplicitVRBigEndian)

    ds = copy.deepcopy(base); ds.Modality = "MR"; write(ds, f"{out}/mr.dcm")
    ds = copy.deepcopy(base); ds.BodyPartExamined = "CHEST"; ds.ProtocolName = "THORAX ROUTINE"
    write(ds, f"{out}/chest.dcm")
    ds = copy.deepcopy(base); ds.SpecificCharacterSet = "ISO_IR 192"; ds.ProtocolName = None
    ds.StudyDescription = "CT Schädel nativ"; write(ds, f"{out}/german_head.dcm")
    ds = copy.deepcopy(base); ds.BodyPartExamined = "HEAD NECK"; ds.SeriesDescription = "Kopf/Hals HWS"
    write(ds, f"{out}/head_neck.dcm")
    ds = copy.deepcopy(base); ds.SpecificCharacterSet = "ISO_IR 100"; ds.ProtocolName = None
    ds.StudyDescription = "CT Schädel"; write(ds, f"{out}/german_head_latin1.dcm")
    ds = copy.deepcopy(base); ds.ProtocolName = None; ds.StudyDescription = "Wirbelsäule LWS"
    write(ds, f"{out}/german_spine.dcm")
    ds = copy.deepcopy(base); ds.ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"]; write(ds, f"{out}/localizer.dcm")
    ds = copy.deepcopy(base); ds.ImageType = ["DERIVED", "SECONDARY", "AXIAL"]; write(ds, f"{out}/derived.dcm")
    ds = copy.deepcopy(base); ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID; write(ds, f"{out}/secondary_capture.dcm")

    # truncated: the file cut inside its pixel data
    write(base, f"{out}/truncated.dcm")
    data = open(f"{out}/truncated.dcm", "rb").read()
    open(f"{out}/truncated.dcm", "wb").write(data[: len(data) - 1000])
    # wrong length: Rows says one more row than the pixel data holds
    ds = copy.deepcopy(base); ds.Rows = base.Rows + 1; write(ds, f"{out}/wrong_length.dcm")
    # several frames
    ds = copy.deepcopy(base); ds.NumberOfFrames = 2
    ds.PixelData = np.concatenate([hu, hu]).tobytes(); write(ds, f"{out}/multiframe.dcm")
    # colour
    ds = copy.deepcopy(base); ds.SamplesPerPixel = 3; ds.PhotometricInterpretation = "RGB"; ds.PlanarConfiguration = 0
    ds.BitsAllocated = 8; ds.BitsStored = 8; ds.HighBit = 7; ds.PixelRepresentation = 0
    ds.PixelData = np.zeros((base.Rows, base.Columns, 3), np.uint8).tobytes(); write(ds, f"{out}/colour.dcm")
    # huge declared size, tiny pixel data
    ds = copy.deepcopy(base); ds.Rows = 65535; ds.Columns = 65535; ds.PixelData = b"\0\0" * 16
    write(ds, f"{out}/huge.dcm")
    # minimal anonymised CT: no body part, descriptions, SOP class; non-standard UIDs
    m = pydicom.Dataset()
    m.file_meta = FileMetaDataset()
    m.file_meta.MediaStorageSOPInstanceUID = "ID_1b5ac170c"
    m.file_meta.ImplementationClassUID = "1.2.3.4"
    m.Modality = "CT"
    m.SOPInstanceUID = "ID_1b5ac170c"
    m.StudyInstanceUID = "ID_2c6bd281d"
    m.SeriesInstanceUID = "ID_3d7ce392e"
    m.PatientID = "ID_4e8df4a3f"
    m.ImagePositionPatient = [-125, -125, 50]
    m.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    m.Rows, m.Columns = base.Rows, base.Columns
    m.SamplesPerPixel = 1; m.PhotometricInterpretation = "MONOCHROME2"
    m.BitsAllocated = 16; m.BitsStored = 12; m.HighBit = 11; m.PixelRepresentation = 0
    m.RescaleIntercept = -1024; m.RescaleSlope = 1
    m.PixelData = np.clip(hu.astype(np.int32) + 1024, 0, 4095).astype(np.uint16).tobytes()
    write(m, f"{out}/anonymised.dcm")
    write(m, f"{out}/no_preamble.dcm", preamble=False)
    # padding value and a slope of 2 (unsigned, stored = (HU + 1024) / 2)
    ds = copy.deepcopy(m); ds.RescaleSlope = 2; ds.RescaleIntercept = -1024; ds.PixelPaddingValue = 4095
    stored = np.clip((hu.astype(np.int32) + 1024) // 2, 0, 4094).astype(np.uint16)
    stored[:16, :16] = 4095
    ds.PixelData = stored.tobytes(); write(ds, f"{out}/slope_padding.dcm")
    # no modality at all
    ds = copy.deepcopy(m); del ds.Modality; write(ds, f"{out}/no_modality.dcm")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
